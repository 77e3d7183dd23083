using System.Text.RegularExpressions;
using SocialWatch.Core.Domain;
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
}
