using Microsoft.Playwright;
using SocialWatch.Hosting;

namespace SocialWatch.Web.Tests;

/// <summary>
/// The contest import in Debian's chromium against the real host on Kestrel at 127.0.0.1: an admin uploads the
/// KPU's lists, checks them, writes the file and finds it listed as waiting for a restart. The check is screenshot
/// as contests-import.png.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ContestImportChromiumTests(ContestConsole console) : IClassFixture<ContestConsole>
{
    [Fact]
    public async Task An_admin_uploads_the_lists_checks_them_and_writes_the_contest_file()
    {
        await using var harness = BrowserHarness.Start(console.Database, new Dictionary<string, string?> { ["Classifier:LexiconDirectory"] = console.ContestDirectory });
        var page = await harness.NewPageAsync();
        await harness.SignInAsync(page, "admin");

        await page.GotoAsync(harness.BaseUrl + "/admin/contests");
        await page.ClickAsync("#contest-import-link");
        await page.WaitForURLAsync(harness.BaseUrl + "/admin/contests/import");
        await page.SetInputFilesAsync("#contest-import-form input[name=upload]", Path.Combine(SettingsFolder.Path, "data", "examples", "kpu-candidates-example.csv"));
        await page.FillAsync("#contest-import-form input[name=election]", "Pilkada 2024");
        await page.FillAsync("#contest-import-form input[name=source]", "KPU Kabupaten Contoh, penetapan paslon 22 Sep 2024");
        await page.FillAsync("#contest-import-form input[name=candidatesSet]", "2024-09-22");
        await page.FillAsync("#contest-import-form input[name=campaignStart]", "2024-09-25");
        await page.FillAsync("#contest-import-form input[name=campaignEnd]", "2024-11-23");
        await page.FillAsync("#contest-import-form input[name=quietStart]", "2024-11-24");
        await page.FillAsync("#contest-import-form input[name=quietEnd]", "2024-11-26");
        await page.FillAsync("#contest-import-form input[name=voteDate]", "2024-11-27");
        await page.ClickAsync("#check");
        await page.WaitForSelectorAsync("#contest-import-contests");
        Assert.Equal(3, await page.Locator("#contest-import-contests tbody tr").CountAsync());
        await BrowserHarness.Screenshot(page, "contests-import");

        await page.ClickAsync("#write");
        await page.WaitForURLAsync(harness.BaseUrl + "/admin/contests");
        Assert.Contains("kpu-candidates-example.json ditulis", await page.InnerTextAsync("p.notice"), StringComparison.Ordinal);
        var row = page.Locator("#contests tbody tr", new PageLocatorOptions { HasText = "pilkada-2024-kota-contoh" });
        Assert.Contains("setelah dimulai ulang", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(console.ContestDirectory, "kpu-candidates-example.json")));
        harness.AssertNoScriptRanOrFailed();
    }
}
