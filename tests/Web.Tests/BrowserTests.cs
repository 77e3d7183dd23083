using Microsoft.Playwright;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>
/// A real browser (Debian's chromium, driven by Playwright) against the real host on Kestrel at 127.0.0.1:
/// sign in, filter the queue, open a flag, confirm it with a reason, create an API token, find the decision in the audit log.
/// A one-person team (second review off), so the confirmation is final at once; <see cref="SecondReviewBrowserTests"/>
/// walks the two-officer path. Screenshots as <see cref="BrowserHarness.Screenshot"/> says.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BrowserTests : IAsyncLifetime
{
    private TempDatabase database = null!;
    private BrowserHarness browser = null!;
    private long campaignFlag;

    public async Task InitializeAsync()
    {
        database = await TempDatabase.CreateAsync();
        campaignFlag = await BrowserSeed.SeedAsync(database, TimeProvider.System.GetUtcNow());
        browser = BrowserHarness.Start(database, new Dictionary<string, string?> { ["Review:RequireSecondReviewer"] = "false" });
    }

    [Fact]
    public async Task Officer_signs_in_filters_opens_confirms_and_the_auditor_finds_the_decision()
    {
        var page = await browser.NewPageAsync();

        await browser.SignInAsync(page, "officer-a");
        await BrowserHarness.Screenshot(page, "dashboard");

        await page.GotoAsync(browser.BaseUrl + "/queue");
        await page.SelectOptionAsync("#filter-label", "campaign");
        await page.ClickAsync("#apply-filter");
        await page.WaitForURLAsync("**/queue?**label=campaign**");
        var labels = await page.Locator("#queue-table tbody .label-chip").AllInnerTextsAsync();
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.Equal("kampanye", l));
        await page.Keyboard.PressAsync("j");
        await BrowserHarness.Screenshot(page, "queue");

        // The queue's links carry its filter, so "next" on the flag page follows the same queue.
        var flagUrl = new System.Text.RegularExpressions.Regex($"/flags/{campaignFlag}\\?.*label=campaign");
        await page.ClickAsync($"a.flag-link[href^='/flags/{campaignFlag}?']");
        await page.WaitForURLAsync(flagUrl);
        Assert.Contains("coblos", await page.Locator("#post-text mark").First.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await page.Keyboard.PressAsync("c");
        Assert.Equal("confirm-category", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.SelectOptionAsync("#confirm-category", "OnlineCampaign");
        await page.FillAsync("#confirm-reason", "Ajakan mencoblos nomor 02 pada masa kampanye.");
        await BrowserHarness.Screenshot(page, "flag-detail");
        await page.ClickAsync("#confirm");
        await page.WaitForURLAsync(flagUrl);
        Assert.Equal("Dikonfirmasi", (await page.InnerTextAsync("#flag-status")).Trim());

        await page.ClickAsync("#case-report-link");
        await page.WaitForURLAsync($"**/flags/{campaignFlag}/report");
        var sha = (await database.Get<IFlagRepository>().GetDetailAsync(campaignFlag))!.Post.RawSha256;
        Assert.Contains(sha, await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserHarness.Screenshot(page, "case-report");

        // A token for scripts, created on /tokens and shown once.
        await page.GotoAsync(browser.BaseUrl + "/tokens");
        await page.FillAsync("#create-token input[name=name]", "laporan mingguan");
        await page.ClickAsync("#create-token button[type=submit]");
        Assert.StartsWith(ApiTokenSecret.Prefix, await page.InnerTextAsync("#token-secret"), StringComparison.Ordinal);
        await BrowserHarness.Screenshot(page, "api-tokens");
        // The confirmation shows in the dashboard's review-quality numbers.
        await page.GotoAsync(browser.BaseUrl + "/");
        Assert.Equal("1", (await page.InnerTextAsync("#quality-all td:nth-child(3)")).Trim());
        await BrowserHarness.Screenshot(page, "review-quality");

        await page.ClickAsync("text=Keluar");
        await browser.SignInAsync(page, "auditor");
        await page.GotoAsync(browser.BaseUrl + "/audit");
        await page.SelectOptionAsync("#audit-action", "flag.confirm");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync("**/audit?**action=flag.confirm**");
        var row = page.Locator("#audit-table tbody tr", new PageLocatorOptions { HasText = $"flag:{campaignFlag}" });
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains("officer-a", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Ajakan mencoblos nomor 02", await row.InnerTextAsync(), StringComparison.Ordinal);
        await BrowserHarness.Screenshot(page, "audit-log");

        // The hostile post in the queue ran nothing, and the strict CSP had nothing to block.
        browser.AssertNoScriptRanOrFailed();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await database.DisposeAsync();
    }
}
