using System.Text.RegularExpressions;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

[Collection(ConsoleTestGroup.Name)]
public sealed class AccountsPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task An_x_account_without_a_token_reads_paused_and_an_export_account_reads_file_fed()
    {
        await SampleRegistry.AddAccountAsync(fixture.Database, "KOTAMAJU", 41, Platform.X, "akun_x_dijeda");
        await SampleRegistry.AddAccountAsync(fixture.Database, "KOTAMAJU", 42, Platform.Tiktok, "akun.tiktok");
        using var admin = await fixture.SignedInAsync("admin");

        var page = await admin.GetStringAsync("/admin/accounts");

        Assert.Matches(new Regex("<tr class=\"health-PausedConnectorDisabled\">\\s*<td>x</td><td><bdi class=\"untrusted\">akun_x_dijeda</bdi></td>.*?Dijeda: konektor dimatikan di konfigurasi", RegexOptions.Singleline), page);
        Assert.Matches(new Regex("<tr class=\"health-FileFed\">\\s*<td>tiktok</td><td><bdi class=\"untrusted\">akun.tiktok</bdi></td>.*?diisi dari file ekspor", RegexOptions.Singleline), page);
    }

    [Fact]
    public async Task A_platform_error_reads_in_the_console_language_with_the_platform_words_kept()
    {
        var (_, _, account) = await SampleRegistry.AddAccountAsync(fixture.Database, "KOTAMAJU", 43, Platform.Mastodon, "akun_hilang@kotamaju.example");
        // The shape a connector records for a 404 (SourceResponses): the account phrase and the platform's own words are arguments.
        LocalizableMessage what = $"Mastodon account @{"akun_hilang"} on {"kotamaju.example"}";
        var detail = ": Record not found";
        await fixture.Database.Get<IAccountRepository>().RecordPollFailureAsync(account.Id, $"{what} not found (HTTP 404){detail}", permanent: true, DateTimeOffset.UtcNow);
        using var admin = await fixture.SignedInAsync("admin");

        var page = await admin.GetStringAsync("/admin/accounts");

        Assert.Contains("akun Mastodon @akun_hilang di kotamaju.example tidak ditemukan (HTTP 404): Record not found", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Mastodon account @akun_hilang", page, StringComparison.Ordinal);
    }
}
