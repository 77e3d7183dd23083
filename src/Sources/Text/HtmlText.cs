using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace SocialWatch.Sources.Text;

/// <summary>
/// Turns post HTML into the plain text a reader sees, with a real HTML parser: scripts, styles and other
/// non-visible elements are dropped, block elements and &lt;br&gt; become line breaks, entities are decoded.
/// The result is inert text; whoever shows it must still encode it.
/// </summary>
public static class HtmlText
{
    // One parser per thread: connectors run in parallel and a parser instance is not documented as thread-safe.
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser());

    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "iframe", "object", "embed", "head", "title", "svg", "math",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "section", "article", "header", "footer", "figure", "figcaption",
    };

    public static string ToText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        using var document = Parser.Value!.ParseDocument(html);
        var builder = new StringBuilder(html.Length);
        Append(document.Body ?? (INode)document, builder);
        return Normalise(builder.ToString());
    }

    /// <summary>The alt texts of the images in the HTML (feeds carry media descriptions only there).</summary>
    public static IReadOnlyList<(string Url, string? Alt)> Images(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return [];
        }

        using var document = Parser.Value!.ParseDocument(html);
        return document.QuerySelectorAll("img[src]")
            .Select(img => (img.GetAttribute("src")!, img.GetAttribute("alt") is { Length: > 0 } alt ? alt.Trim() : null))
            .ToList();
    }

    private static void Append(INode node, StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    builder.Append(text.Data);
                    break;
                case IElement element when Dropped.Contains(element.LocalName):
                    break;
                case IElement { LocalName: "br" }:
                    builder.Append('\n');
                    break;
                case IElement element:
                    var block = Blocks.Contains(element.LocalName);
                    if (block)
                    {
                        builder.Append('\n');
                    }

                    Append(element, builder);
                    if (block)
                    {
                        builder.Append('\n');
                    }

                    break;
            }
        }
    }

    // Collapse runs of spaces inside lines and blank lines between them, as a browser would show them.
    private static string Normalise(string text)
    {
        var lines = text.Replace('\u00A0', ' ').Split('\n')
            .Select(line => string.Join(' ', line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)))
            .Where(line => line.Length > 0);
        return string.Join('\n', lines);
    }
}
