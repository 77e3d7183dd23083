using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>
/// The officer's path after a confirmation in Debian's chromium: the flag with its kept image and replied-to post, the
/// case file's clarification step, the printable letter and the stage list, with no CSP or script error. Screenshots
/// as in <see cref="BrowserTests"/>: flag-evidence.png, case-steps.png, clarification-letter.png, cases.png.
/// </summary>
public sealed class CaseOutcomeBrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly byte[] Poster = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAPAAAACWCAIAAABvmpKCAAACRElEQVR42u3UMRHAIBREQYRR0MQO6hCBAnSkThUFCLj5e/Mk7Fw744nrDVyfK65v97ga0EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDXQ50HDAcSvx7IAGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmiggQYaaKCBBhpooIEGGmig64GGA45biWcHNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAAw000EADDTTQQAMNNNBAA10O9A9zzbGRj+AaRQAAAABJRU5ErkJggg==");
    private TempDatabase database = null!;
    private ConsoleFactory factory = null!;
    private string baseUrl = "";
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
        factory = new ConsoleFactory(database.DataDirectory);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        baseUrl = addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Officer_sees_the_kept_evidence_records_the_clarification_and_prints_the_letter()
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium package is required at /usr/bin/chromium");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { consoleErrors.Add(message.Text); } };
        var nip = SampleRegistry.Nip(1).Value;

        await page.GotoAsync(baseUrl + "/signin");
        await page.FillAsync("#userName", "officer-a");
        await page.FillAsync("#password", BrowserSeed.Password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(baseUrl + "/");

        await page.GotoAsync(baseUrl + "/flags/" + flagId);
        var width = await page.EvalOnSelectorAsync<int>("#evidence-media img", "img => img.naturalWidth");
        Assert.Equal(240, width);
        Assert.Contains("Siapa yang sudah siap coblos 02?", await page.InnerTextAsync("#evidence-parent"), StringComparison.Ordinal);
        await page.Locator("#evidence").ScrollIntoViewIfNeededAsync();
        await BrowserTests.Screenshot(page, "flag-evidence");

        await page.GotoAsync(baseUrl + "/staff/" + nip);
        await page.FillAsync("#step-clarification input[name=Reference]", "800/214/BKPSDM/2024");
        await page.ClickAsync("#step-clarification button[type=submit]");
        await page.WaitForURLAsync(baseUrl + "/staff/" + nip + "#case-steps");
        Assert.Equal("Menunggu tanggapan", await page.InnerTextAsync("#case-stage"));
        await page.Locator("#case-steps").ScrollIntoViewIfNeededAsync();
        await BrowserTests.Screenshot(page, "case-steps");

        await page.ClickAsync("#case-letter-link");
        await page.WaitForURLAsync(baseUrl + "/staff/" + nip + "/letter");
        Assert.Contains("800/214/BKPSDM/2024", await page.InnerTextAsync("#letter-reference"), StringComparison.Ordinal);
        await BrowserTests.Screenshot(page, "clarification-letter");

        await page.GotoAsync(baseUrl + "/cases?stage=awaiting_response");
        Assert.Contains(nip, await page.InnerTextAsync("#cases"), StringComparison.Ordinal);
        await BrowserTests.Screenshot(page, "cases");

        Assert.Empty(consoleErrors);
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }
}
