using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace SocialWatch.Web.Rendering;

/// <summary>
/// Renders text that came from a platform or a CSV file. Every character is HTML-encoded, and the invisible
/// characters that can reorder or hide text (bidi overrides and isolates, zero-width characters, the BOM) are
/// shown as visible code points instead, so a reviewer sees exactly what was posted and nothing it pretends to be.
/// The whole run sits in a <c>bdi</c> element so its direction cannot leak into the page around it.
/// </summary>
public static class UntrustedText
{
    public static IHtmlContent Render(string? text)
    {
        var builder = new HtmlContentBuilder();
        builder.AppendHtml("<bdi class=\"untrusted\">");
        AppendRevealed(builder, text ?? "");
        builder.AppendHtml("</bdi>");
        return builder;
    }

    /// <summary>Appends encoded text with hidden characters revealed, without the surrounding isolate.</summary>
    internal static void AppendRevealed(HtmlContentBuilder builder, string text)
    {
        var run = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsHidden(rune))
            {
                if (run.Length > 0)
                {
                    builder.Append(run.ToString());
                    run.Clear();
                }
                // Our own markup around a hex number: nothing from the input reaches it unencoded.
                builder.AppendHtml($"<span class=\"hidden-char\" title=\"invisible character\">U+{rune.Value.ToString("X4", CultureInfo.InvariantCulture)}</span>");
            }
            else
            {
                run.Append(rune.ToString());
            }
        }
        if (run.Length > 0)
        {
            builder.Append(run.ToString());
        }
    }

    /// <summary>Format characters (bidi controls, zero-width joiners and spaces, BOM) and other controls except tab and newline.</summary>
    public static bool IsHidden(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        || (Rune.IsControl(rune) && rune.Value is not ('\n' or '\t' or '\r'));
}
