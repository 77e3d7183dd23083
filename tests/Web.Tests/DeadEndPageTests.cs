using System.Net;

namespace SocialWatch.Web.Tests;

/// <summary>Where there is nothing to show, the console says so in the reader's language, never a bare English 404.</summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class DeadEndPageTests(ConsoleFixture fixture)
{
    private const string NothingHere = "Tidak ada yang dapat Anda buka di alamat ini";

    [Fact]
    public async Task Another_agencys_case_report_reads_exactly_like_one_that_does_not_exist_in_indonesian()
    {
        using var officer = await fixture.SignedInAsync("officer-a");

        var otherAgency = await officer.GetAsync($"/flags/{fixture.ConfirmedB}/report");
        var missing = await officer.GetAsync("/flags/987654321/report");
        var noRoute = await officer.GetAsync("/tidak-ada");

        foreach (var response in new[] { otherAgency, missing, noRoute })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains(NothingHere, body, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"id\">", body, StringComparison.Ordinal);
        }
        var a = await otherAgency.Content.ReadAsStringAsync();
        var b = await missing.Content.ReadAsStringAsync();
        Assert.Equal(Strip(a), Strip(b)); // nothing tells that the other agency's flag exists
    }

    [Fact]
    public async Task The_case_report_of_an_unconfirmed_flag_says_why_there_is_none_and_links_the_flag()
    {
        using var officer = await fixture.SignedInAsync("officer-a");

        var response = await officer.GetAsync($"/flags/{fixture.FlagA}/report");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Laporan kasus hanya ada untuk tanda yang sudah dikonfirmasi.", body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/flags/{fixture.FlagA}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_english_the_same_page_speaks_english_and_the_api_keeps_its_plain_404()
    {
        using var officer = await fixture.SignedInAsync("officer-a");

        var page = await (await officer.GetAsync("/status/404?culture=en")).Content.ReadAsStringAsync();
        var api = await officer.GetAsync($"/api/flags/{fixture.FlagB}");

        Assert.Contains("There is nothing at this address that you may open", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain("<html", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // The antiforgery token and the request id differ per response; the rest must not.
    private static string Strip(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "value=\"[^\"]{40,}\"", "value=\"\"");
}
