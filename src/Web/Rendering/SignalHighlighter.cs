using Microsoft.AspNetCore.Html;
using SocialWatch.Core.Domain;

namespace SocialWatch.Web.Rendering;

/// <summary>
/// Marks the classifier's signals in the text it classified. The marks are built from the signal spans over
/// encoded text; the text itself never passes through as HTML. Overlapping or out-of-range spans are skipped
/// (the first one wins) rather than trusted, because spans come from stored data.
/// </summary>
public static class SignalHighlighter
{
    public static IHtmlContent Render(string text, IReadOnlyList<Signal> signals)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signals);
        var spans = signals
            .Where(s => s.Start >= 0 && s.Length > 0 && s.Start + s.Length <= text.Length)
            .OrderBy(s => s.Start).ThenByDescending(s => s.Length)
            .ToList();

        var builder = new HtmlContentBuilder();
        builder.AppendHtml("<bdi class=\"untrusted post-text\">");
        var position = 0;
        foreach (var signal in spans)
        {
            if (signal.Start < position)
            {
                continue;
            }
            UntrustedText.AppendRevealed(builder, text[position..signal.Start]);
            builder.AppendHtml("<mark class=\"signal label-");
            builder.Append(signal.Label.ToCode());
            builder.AppendHtml("\" title=\"");
            builder.Append(Describe(signal));
            builder.AppendHtml("\">");
            UntrustedText.AppendRevealed(builder, text.Substring(signal.Start, signal.Length));
            builder.AppendHtml("</mark>");
            position = signal.Start + signal.Length;
        }
        UntrustedText.AppendRevealed(builder, text[position..]);
        builder.AppendHtml("</bdi>");
        return builder;
    }

    /// <summary>The tooltip of a mark: which feature or entity it is and which label it pushes towards.</summary>
    public static string Describe(Signal signal) =>
        $"{signal.Label.ToCode()}: {signal.Entity ?? signal.Feature}" + (signal.Weight != 0 ? $" ({signal.Weight:+0.00;-0.00})" : "");

    /// <summary>The text the classifier saw for a post version: the same join as <see cref="FetchedPost.ClassifiableText"/>.</summary>
    public static string ClassifiedText(StoredPost post) => string.Join("\n",
        new[] { post.Text, post.SharedText }.Concat(post.MediaDescriptions).Where(s => !string.IsNullOrWhiteSpace(s)));
}
