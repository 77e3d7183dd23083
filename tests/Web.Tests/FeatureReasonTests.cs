using SocialWatch.Core.Domain;

namespace SocialWatch.Web.Tests;

/// <summary>The flag page says what weighed in words an officer reads, and never offers a function word as a reason.</summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class FeatureReasonTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Features_read_as_what_they_matched_and_function_words_are_left_out()
    {
        const string Text = "Jangan lupa coblos nomor 2 ya";
        var accountId = await fixture.AccountOfAgencyAAsync();
        var flagId = await fixture.AddFlagAsync(accountId, Text, Label.Campaign, signals:
        [
            new Signal("feature", 12, 6, "coblos", "w:coblos", Label.Campaign, 1.2),
            new Signal("feature", 19, 7, "nomor 2", "lex:ballot_number+election", Label.Campaign, 0.9),
            new Signal("feature", 27, 2, "ya", "w:ya", Label.Campaign, 0.4),
            new Signal("feature", 7, 4, "lupa", "w:lupa", Label.Campaign, 0.3),
        ]);
        using var officer = await fixture.SignedInAsync("officer-a");

        var page = await officer.GetStringAsync($"/flags/{flagId}");
        var table = page[page.IndexOf("Yang paling berpengaruh", StringComparison.Ordinal)..];
        table = System.Net.WebUtility.HtmlDecode(table[..table.IndexOf("</table>", StringComparison.Ordinal)]);

        Assert.Contains("kata «coblos»", table, StringComparison.Ordinal);
        Assert.Contains("nomor urut dekat kata pemilu", table, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>", table, StringComparison.Ordinal);
        Assert.DoesNotContain("kata «ya»", table, StringComparison.Ordinal);
        Assert.DoesNotContain("kata «lupa»", table, StringComparison.Ordinal);
    }
}
