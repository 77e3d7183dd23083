using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using SocialWatch.Core.Domain;
using SocialWatch.Web.Rendering;

namespace SocialWatch.Web.Tests;

public sealed class RenderingTests
{
    private static string Html(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private static Signal Feature(int start, int length, Label label = Label.Campaign) => new("feature", start, length, "", "w:x", label, 1);

    [Fact]
    public void Signals_mark_their_spans_and_skip_overlapping_or_out_of_range_ones()
    {
        const string Text = "ayo coblos nomor dua";

        var html = Html(SignalHighlighter.Render(Text, [Feature(4, 6), Feature(6, 6), Feature(-1, 0), Feature(15, 50), Feature(11, 5, Label.Endorse)]));

        Assert.Equal(
            "<bdi class=\"untrusted post-text\">ayo <mark class=\"signal label-campaign\" title=\"campaign: w:x (&#x2B;1.00)\">coblos</mark> "
            + "<mark class=\"signal label-endorse\" title=\"endorse: w:x (&#x2B;1.00)\">nomor</mark> dua</bdi>",
            html);
    }

    [Fact]
    public void A_span_over_markup_marks_encoded_text()
    {
        const string Text = "x <script>y";

        var html = Html(SignalHighlighter.Render(Text, [Feature(2, 8)]));

        Assert.Contains("<mark class=\"signal label-campaign\" title=\"campaign: w:x (&#x2B;1.00)\">&lt;script&gt;</mark>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\u202Eb", "U+202E")]
    [InlineData("a\u200Bb", "U+200B")]
    [InlineData("a\u2067b", "U+2067")]
    [InlineData("a\uFEFFb", "U+FEFF")]
    [InlineData("a\u0007b", "U+0007")]
    public void Hidden_characters_become_visible_code_points(string text, string shown)
    {
        var html = Html(UntrustedText.Render(text));

        Assert.Equal($"<bdi class=\"untrusted\">a<span class=\"hidden-char\" title=\"invisible character\">{shown}</span>b</bdi>", html);
    }

    [Fact]
    public void Newlines_tabs_and_emoji_pass_through()
    {
        Assert.Equal("<bdi class=\"untrusted\">satu&#xA;dua&#x9;&#x1F91F;</bdi>", Html(UntrustedText.Render("satu\ndua\t🤟")));
    }

    [Theory]
    [InlineData("https://x.example/a", true)]
    [InlineData("http://x.example/a", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" JavaScript:alert(1)", false)]
    [InlineData("data:text/html,<b>", false)]
    [InlineData("//x.example/a", false)]
    [InlineData("/relative", false)]
    [InlineData(null, false)]
    public void Only_absolute_http_urls_become_links(string? url, bool link)
    {
        Assert.Equal(link, SafeLink.TryHttp(url) is not null);
    }
}
