using System.Net.Http.Json;
using SocialWatch.Core.Domain;

namespace SocialWatch.Web.Tests;

/// <summary>Post text is an attacker's input: it must reach the reviewer as visible, inert text.</summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class UntrustedContentTests(ConsoleFixture fixture)
{
    private const string Hostile =
        "Halo <script>alert('xss')</script> <img src=x onerror=\"alert(1)\"> <a href=\"javascript:alert(2)\">klik</a> "
        + "coblos\u202E20 on\u200Bmor <b onmouseover=alert(3)>tebal</b> \u2066isolasi\u2069 \uFEFFbom";

    [Fact]
    public async Task Script_tags_event_handlers_javascript_urls_and_bidi_tricks_are_rendered_inert()
    {
        var account = await fixture.AccountOfAgencyAAsync();
        // A signal span over "coblos" and one over the script tag, so the highlighter is exercised on hostile text too.
        var scriptStart = Hostile.IndexOf("<script>", StringComparison.Ordinal);
        var coblos = Hostile.IndexOf("coblos", StringComparison.Ordinal);
        var flagId = await fixture.AddFlagAsync(account, Hostile, Label.Campaign, url: "javascript:alert(document.cookie)",
            signals: [new Signal("feature", coblos, 6, "coblos", "w:coblos", Label.Campaign, 1.2), new Signal("feature", scriptStart, 8, "<script>", "w:<script>", Label.Campaign, 0.1)]);

        using var officer = await fixture.SignedInAsync("officer-a");
        foreach (var page in new[] { $"/flags/{flagId}", "/queue?status=all&sort=newest" })
        {
            var html = await officer.GetStringAsync(page);
            Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onerror=\"alert", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b onmouseover", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
            // The invisible characters never reach the page raw; the reviewer sees their code points instead.
            foreach (var hidden in new[] { '\u202E', '\u200B', '\u2066', '\u2069', '\uFEFF' })
            {
                Assert.DoesNotContain(hidden.ToString(), html, StringComparison.Ordinal);
            }
            Assert.Contains("U+202E", html, StringComparison.Ordinal);
            Assert.Contains("U+200B", html, StringComparison.Ordinal);
        }

        var detail = await officer.GetStringAsync($"/flags/{flagId}");
        Assert.Contains("<mark class=\"signal label-campaign\"", detail, StringComparison.Ordinal);
        Assert.Contains("<span class=\"not-a-link\" id=\"original-url\">", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_forbid_inline_script_by_content_security_policy()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        using var response = await officer.GetAsync($"/flags/{fixture.FlagA}");

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Only_http_and_https_urls_become_links()
    {
        var account = await fixture.AccountOfAgencyAAsync();
        var flagId = await fixture.AddFlagAsync(account, "Tautan biasa", Label.Endorse, url: "https://sosial.kotamaju.example/@pegawai1/99");

        using var officer = await fixture.SignedInAsync("officer-a");
        var html = await officer.GetStringAsync($"/flags/{flagId}");

        Assert.Contains("href=\"https://sosial.kotamaju.example/@pegawai1/99\" rel=\"noopener noreferrer nofollow\"", html, StringComparison.Ordinal);
        var json = await officer.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/flags/{flagId}");
        Assert.Equal("https://sosial.kotamaju.example/@pegawai1/99", json.GetProperty("url").GetString());
        Assert.Equal("Endorse", json.GetProperty("signals")[0].GetProperty("label").GetString());
    }
}
