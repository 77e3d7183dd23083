using Microsoft.Playwright;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>
/// The officer's path after a confirmation in Debian's chromium: the flag and its case report with the kept image and
/// replied-to post, the case file's clarification step, the printable letter and the stage list, with no CSP or script error. Screenshots
/// as <see cref="BrowserHarness.Screenshot"/> says: flag-evidence.png, case-steps.png, clarification-letter.png, cases.png.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CaseOutcomeBrowserTests : IAsyncLifetime
{
    private static readonly byte[] Poster = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAPAAAACWCAIAAABvmpKCAAACRElEQVR42u3UMRHAIBREQYRR0MQO6hCBAnSkThUFCLj5e/Mk7Fw744nrDVyfK65v97ga0EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDXQ50HDAcSvx7IAGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmig64GGA45biWcHNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAA10O9A9zzbGRj+AaRQAAAABJRU5ErkJggg==");
    private TempDatabase database = null!;
    private BrowserHarness browser = null!;
    private long flagId;

    public async Task InitializeAsync()
    {
        database = await TempDatabase.CreateAsync();
        var now = TimeProvider.System.GetUtcNow();
        flagId = await BrowserSeed.SeedAsync(database, now);
        var officer = (await database.Get<IUserRepository>().FindByUserNameAsync("officer-a"))!;
        await database.Get<IFlagRepository>().RecordDecisionAsync(flagId, officer.Id, DecisionKind.Confirm, ViolationCategory.OnlineCampaign,
            "Ajakan mencoblos paslon nomor 02 dengan tagar kampanye.", now.AddHours(-1));
        await database.Get<IEvidenceRepository>().RecordAsync(flagId,
            [new CollectedMedia("https://media.kotamaju.example/poster-02.png", "image/png", Poster, null),
             new CollectedMedia("https://media.kotamaju.example/video-kampanye.mp4", null, null, "too large: 48213377 bytes, over Evidence:MaxMediaBytes (10485760)")],
            new CollectedParent(Platform.Mastodon, "112990000000000001", "fetched", "relawan02@sosial.example", now.AddDays(-2),
                "Siapa yang sudah siap coblos 02? Balas di sini!", "https://sosial.example/@relawan02/112990000000000001",
                "{\"id\":\"112990000000000001\",\"content\":\"Siapa yang sudah siap coblos 02? Balas di sini!\"}"),
            now.AddHours(-2));
        browser = BrowserHarness.Start(database);
    }

    [Fact]
    public async Task Officer_sees_the_kept_evidence_records_the_clarification_and_prints_the_letter()
    {
        var page = await browser.NewPageAsync();
        var nip = SampleRegistry.Nip(1).Value;
        await browser.SignInAsync(page, "officer-a");

        await page.GotoAsync(browser.BaseUrl + "/flags/" + flagId);
        var width = await page.EvalOnSelectorAsync<int>("#evidence-media img", "img => img.naturalWidth");
        Assert.Equal(240, width);
        Assert.Contains("Siapa yang sudah siap coblos 02?", await page.InnerTextAsync("#evidence-parent"), StringComparison.Ordinal);
        await page.Locator("#evidence").ScrollIntoViewIfNeededAsync();
        await BrowserHarness.Screenshot(page, "flag-evidence");

        // The printable case report carries the same kept image, loaded by the browser from the evidence route.
        await page.GotoAsync(browser.BaseUrl + "/flags/" + flagId + "/report");
        Assert.Equal(240, await page.EvalOnSelectorAsync<int>("#evidence-media img", "img => img.naturalWidth"));
        Assert.Contains("Siapa yang sudah siap coblos 02?", await page.InnerTextAsync("#evidence-parent"), StringComparison.Ordinal);

        await page.GotoAsync(browser.BaseUrl + "/staff/" + nip);
        await page.FillAsync("#step-clarification input[name=Reference]", "800/214/BKPSDM/2024");
        await page.ClickAsync("#step-clarification button[type=submit]");
        await page.WaitForURLAsync(browser.BaseUrl + "/staff/" + nip + "#case-steps");
        Assert.Equal("Menunggu tanggapan", await page.InnerTextAsync("#case-stage"));
        await page.Locator("#case-steps").ScrollIntoViewIfNeededAsync();
        await BrowserHarness.Screenshot(page, "case-steps");

        await page.ClickAsync("#case-letter-link");
        await page.WaitForURLAsync(browser.BaseUrl + "/staff/" + nip + "/letter");
        Assert.Contains("800/214/BKPSDM/2024", await page.InnerTextAsync("#letter-reference"), StringComparison.Ordinal);
        await BrowserHarness.Screenshot(page, "clarification-letter");

        await page.GotoAsync(browser.BaseUrl + "/cases?stage=awaiting_response");
        Assert.Contains(nip, await page.InnerTextAsync("#cases"), StringComparison.Ordinal);
        await BrowserHarness.Screenshot(page, "cases");

        browser.AssertNoScriptRanOrFailed();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await database.DisposeAsync();
    }
}
