using System.Text.Json;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>
/// What a new officer tripped over (issue 17): the queue showed a post's later edit instead of the flagged words,
/// "n" ignored the queue's filter, and a decided flag did not say who decided it.
/// </summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class FlaggedVersionAndTriageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_post_edited_after_flagging_shows_the_flagged_words_everywhere_with_the_edit_below()
    {
        var accountId = await fixture.AccountOfAgencyAAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var id = await fixture.AddFlagAsync(accountId, $"Nomor 2 untuk Bu Sari {marker}, coblos!", Label.Endorse);
        var flag = (await fixture.Database.Get<IFlagRepository>().GetDetailAsync(id))!;
        var edit = SamplePosts.Fetched(flag.Post.PlatformPostId, $"Jangan lupa datang ke TPS {marker} ya") with { EditedAt = DateTimeOffset.UtcNow };
        await fixture.Database.Get<IPostRepository>().StoreAsync(accountId, edit, DateTimeOffset.UtcNow);

        using var officer = await fixture.SignedInAsync("officer-a");
        var queue = await officer.GetStringAsync($"/queue?status=all&label=endorse&sort=newest");
        var page = await officer.GetStringAsync($"/flags/{id}");
        using var api = JsonDocument.Parse(await officer.GetStringAsync($"/api/flags/{id}"));

        var row = queue[queue.IndexOf($"/flags/{id}", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains($"Nomor 2 untuk Bu Sari {marker}", row, StringComparison.Ordinal);
        Assert.Contains("diedit setelah ditandai", row, StringComparison.Ordinal);
        var postText = page[page.IndexOf("id=\"post-text\"", StringComparison.Ordinal)..];
        postText = System.Text.RegularExpressions.Regex.Replace(postText[..postText.IndexOf("</blockquote>", StringComparison.Ordinal)], "<[^>]+>", "");
        Assert.Contains($"Nomor 2 untuk Bu Sari {marker}", postText, StringComparison.Ordinal);
        Assert.DoesNotContain("Jangan lupa datang", postText, StringComparison.Ordinal);
        Assert.Contains("id=\"edited-after-flagging\"", page, StringComparison.Ordinal);
        var later = page[page.IndexOf("id=\"later-versions\"", StringComparison.Ordinal)..];
        Assert.Contains($"Jangan lupa datang ke TPS {marker} ya", later, StringComparison.Ordinal);
        var apiFlag = api.RootElement.GetProperty("flag");
        Assert.Contains($"Bu Sari {marker}", apiFlag.GetProperty("excerpt").GetString(), StringComparison.Ordinal);
        Assert.True(apiFlag.GetProperty("editedAfterFlagging").GetBoolean());
    }

    [Fact]
    public async Task Next_follows_the_queues_filter_and_order_and_a_closed_flag_offers_no_decision_keys()
    {
        var accountId = await fixture.AccountOfAgencyAAsync();
        var day = new DateTimeOffset(2025, 6, 10, 1, 0, 0, TimeSpan.Zero);
        var first = await fixture.AddFlagAsync(accountId, "Jangan pilih calon itu", Label.Oppose, flaggedAt: day);
        await fixture.AddFlagAsync(accountId, "Ikut kampanye akbar besok", Label.Campaign, flaggedAt: day.AddMinutes(1));
        var second = await fixture.AddFlagAsync(accountId, "Calon itu cuma pencitraan, jangan dipilih", Label.Oppose, flaggedAt: day.AddMinutes(2));
        const string Filter = "?label=oppose&from=2025-06-10&to=2025-06-10&sort=oldest";

        using var officer = await fixture.SignedInAsync("officer-a");
        var queue = await officer.GetStringAsync("/queue" + Filter);
        var page = await officer.GetStringAsync($"/flags/{first}{Filter}");

        Assert.Contains($"href=\"/flags/{first}{Filter.Replace("&", "&amp;", StringComparison.Ordinal)}\"", queue, StringComparison.Ordinal);
        Assert.Contains($"id=\"next-flag\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/flags/{second}{Filter.Replace("&", "&amp;", StringComparison.Ordinal)}\" id=\"next-flag\"", page, StringComparison.Ordinal);

        var dismissed = await ConsoleFixture.PostFormAsync(officer, $"/flags/{first}{Filter}", $"/flags/{first}?handler=Dismiss&label=oppose&from=2025-06-10&to=2025-06-10&sort=oldest",
            new() { ["reason"] = "kritik kebijakan, bukan kampanye" });
        Assert.Equal($"/flags/{first}{Filter}", dismissed.Headers.Location!.OriginalString);
        var closed = await officer.GetStringAsync($"/flags/{first}{Filter}");
        Assert.DoesNotContain("c konfirmasi", closed, StringComparison.Ordinal);
        Assert.Contains("Ditolak oleh Petugas A", closed, StringComparison.Ordinal);
        var afterQueue = await officer.GetStringAsync("/queue?status=all&label=oppose&from=2025-06-10&to=2025-06-10&sort=oldest");
        var row = afterQueue[afterQueue.IndexOf($"/flags/{first}", StringComparison.Ordinal)..];
        Assert.Contains("Petugas A", row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_sorts_by_post_time_when_asked()
    {
        var accountId = await fixture.AccountOfAgencyAAsync();
        var day = new DateTimeOffset(2025, 7, 1, 1, 0, 0, TimeSpan.Zero);
        // Flagged in one order, posted in the other: the post times come from the fixture's post sequence.
        var flaggedFirst = await fixture.AddFlagAsync(accountId, "Dukung paslon 1", Label.Endorse, flaggedAt: day.AddMinutes(5));
        var flaggedSecond = await fixture.AddFlagAsync(accountId, "Dukung paslon 2", Label.Endorse, flaggedAt: day);

        using var officer = await fixture.SignedInAsync("officer-a");
        var byFlag = await officer.GetStringAsync("/queue?status=all&from=2025-07-01&to=2025-07-01&sort=oldest");
        var byPost = await officer.GetStringAsync("/queue?status=all&from=2025-07-01&to=2025-07-01&sort=posted-oldest");

        Assert.True(byFlag.IndexOf($"/flags/{flaggedSecond}", StringComparison.Ordinal) < byFlag.IndexOf($"/flags/{flaggedFirst}", StringComparison.Ordinal));
        Assert.True(byPost.IndexOf($"/flags/{flaggedFirst}", StringComparison.Ordinal) < byPost.IndexOf($"/flags/{flaggedSecond}", StringComparison.Ordinal));
        Assert.Contains("Diunggah terlama", byPost, StringComparison.Ordinal);
    }
}
