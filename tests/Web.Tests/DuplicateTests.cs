using System.Globalization;
using System.Net;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>Near-duplicates: one message flagged on several watched accounts is counted in the queue and listed on its group page, per agency.</summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class DuplicateTests(ConsoleFixture fixture)
{
    private static readonly string[] Actors = ["anonymous", "admin", "officer-a", "auditor"];

    [Fact]
    public async Task The_queue_counts_the_accounts_that_posted_the_same_message_and_the_group_page_lists_them_within_the_agencies()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var message = $"Ayo coblos paslon nomor dua di TPS masing-masing kode {marker}";
        var (_, _, second) = await SampleRegistry.AddAccountAsync(fixture.Database, "KOTAMAJU", 80, Platform.Mastodon, $"kembar{marker}@kembar.example");
        var firstA = await FlagAsync(await fixture.AccountOfAgencyAAsync(), message);
        var secondA = await FlagAsync(second.Id, message.ToUpperInvariant() + "!!! https://t.example/x");
        var (_, _, other) = await SampleRegistry.AddAccountAsync(fixture.Database, "DESASEJAHTERA", 81, Platform.Mastodon, $"kembar{marker}@desa.example");
        var inB = await FlagAsync(other.Id, message);
        var fingerprint = TextFingerprint.Of(message)!;

        using var officer = await fixture.SignedInAsync("officer-a");
        using var admin = await fixture.SignedInAsync("admin");
        var queue = WebUtility.HtmlDecode(await officer.GetStringAsync("/queue?status=all&sort=newest"));
        var adminQueue = WebUtility.HtmlDecode(await admin.GetStringAsync("/queue?status=all&sort=newest"));
        var group = WebUtility.HtmlDecode(await officer.GetStringAsync($"/duplicates/{fingerprint}"));
        var adminGroup = await admin.GetStringAsync($"/duplicates/{fingerprint}");

        Assert.Contains($"<a href=\"/duplicates/{fingerprint}\" class=\"duplicate-count\" title=\"Teks yang sama ditandai pada 2 akun (2 tanda)\">teks sama: 2 akun</a>", queue, StringComparison.Ordinal);
        Assert.Contains("teks sama: 3 akun", adminQueue, StringComparison.Ordinal);
        Assert.Contains($"href=\"/flags/{firstA}\"", group, StringComparison.Ordinal);
        Assert.Contains($"href=\"/flags/{secondA}\"", group, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/flags/{inB}\"", group, StringComparison.Ordinal);
        Assert.Contains("2 tanda dari 2 akun", group, StringComparison.Ordinal);
        Assert.Contains($"href=\"/flags/{inB}\"", adminGroup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_group_page_answers_each_role_and_never_shows_another_agencys_group()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var onlyB = $"Pesan khusus desa sejahtera untuk paslon satu {marker}";
        var (_, _, b1) = await SampleRegistry.AddAccountAsync(fixture.Database, "DESASEJAHTERA", 82, Platform.Mastodon, $"b1{marker}@desa.example");
        var (_, _, b2) = await SampleRegistry.AddAccountAsync(fixture.Database, "DESASEJAHTERA", 83, Platform.Mastodon, $"b2{marker}@desa.example");
        await FlagAsync(b1.Id, onlyB);
        await FlagAsync(b2.Id, onlyB);
        var fingerprint = TextFingerprint.Of(onlyB)!;
        foreach (var (path, expected) in new[]
        {
            ($"/duplicates/{fingerprint}", "signin 200 404 200"),
            ("/duplicates/00000000000000000000000000000000", "signin 404 404 404"),
            ("/duplicates/NOT-A-FINGERPRINT", "signin 400 400 400"),
        })
        {
            var expectations = expected.Split(' ');
            for (var i = 0; i < Actors.Length; i++)
            {
                using var client = Actors[i] == "anonymous" ? fixture.Anonymous() : await fixture.SignedInAsync(Actors[i]);
                using var response = await client.GetAsync(path);
                if (expectations[i] == "signin")
                {
                    Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                    var location = response.Headers.Location!;
                    Assert.StartsWith("/signin", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
                    continue;
                }
                Assert.True(int.Parse(expectations[i], CultureInfo.InvariantCulture) == (int)response.StatusCode, $"GET {path} as {Actors[i]}: {(int)response.StatusCode}");
            }
        }
        using var officer = await fixture.SignedInAsync("officer-a");
        Assert.DoesNotContain(fingerprint, await officer.GetStringAsync("/queue?status=all"), StringComparison.Ordinal);
    }

    /// <summary>A flag on the account with the text, its fingerprint recorded as the evidence job does.</summary>
    private async Task<long> FlagAsync(long accountId, string text)
    {
        var flagId = await fixture.AddFlagAsync(accountId, text, Label.Campaign, flaggedAt: DateTimeOffset.UtcNow);
        await fixture.Database.Get<IDuplicateRepository>().RecordFingerprintAsync(flagId, TextFingerprint.Of(text));
        return flagId;
    }
}
