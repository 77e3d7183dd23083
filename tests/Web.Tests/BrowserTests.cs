using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>
/// A real browser (Debian's chromium, driven by Playwright) against the real host on Kestrel at 127.0.0.1:
/// sign in, filter the queue, open a flag, confirm it with a reason, create an API token, find the decision in the audit log.
/// Screenshots go to the test output's screenshots folder, and also to SOCIALWATCH_SCREENSHOT_DIR when set
/// (docs/screenshots is refreshed that way).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private TempDatabase database = null!;
    private ConsoleFactory factory = null!;
    private string baseUrl = "";
    private long campaignFlag;

    public async Task InitializeAsync()
    {
        database = await TempDatabase.CreateAsync();
        campaignFlag = await BrowserSeed.SeedAsync(database, TimeProvider.System.GetUtcNow());
        factory = new ConsoleFactory(database.DataDirectory);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        baseUrl = addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Officer_signs_in_filters_opens_confirms_and_the_auditor_finds_the_decision()
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
        // Generous waits: CI machines have two cores and run other test assemblies beside this one.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { consoleErrors.Add(message.Text); } };

        await SignInAsync(page, "officer-a");
        await Screenshot(page, "dashboard");

        await page.GotoAsync(baseUrl + "/queue");
        await page.SelectOptionAsync("#filter-label", "campaign");
        await page.ClickAsync("#apply-filter");
        await page.WaitForURLAsync("**/queue?**label=campaign**");
        var labels = await page.Locator("#queue-table tbody .label-chip").AllInnerTextsAsync();
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.Equal("kampanye", l));
        await page.Keyboard.PressAsync("j");
        await Screenshot(page, "queue");

        // The queue's links carry its filter, so "next" on the flag page follows the same queue.
        var flagUrl = new System.Text.RegularExpressions.Regex($"/flags/{campaignFlag}\\?.*label=campaign");
        await page.ClickAsync($"a.flag-link[href^='/flags/{campaignFlag}?']");
        await page.WaitForURLAsync(flagUrl);
        Assert.Contains("coblos", await page.Locator("#post-text mark").First.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await page.Keyboard.PressAsync("c");
        Assert.Equal("confirm-category", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.SelectOptionAsync("#confirm-category", "OnlineCampaign");
        await page.FillAsync("#confirm-reason", "Ajakan mencoblos nomor 02 pada masa kampanye.");
        await Screenshot(page, "flag-detail");
        await page.ClickAsync("#confirm");
        await page.WaitForURLAsync(flagUrl);
        Assert.Equal("Dikonfirmasi", (await page.InnerTextAsync("#flag-status")).Trim());

        await page.ClickAsync("#case-report-link");
        await page.WaitForURLAsync($"**/flags/{campaignFlag}/report");
        var sha = (await database.Get<IFlagRepository>().GetDetailAsync(campaignFlag))!.Post.RawSha256;
        Assert.Contains(sha, await page.ContentAsync(), StringComparison.Ordinal);
        await Screenshot(page, "case-report");

        // A token for scripts, created on /tokens and shown once.
        await page.GotoAsync(baseUrl + "/tokens");
        await page.FillAsync("#create-token input[name=name]", "laporan mingguan");
        await page.ClickAsync("#create-token button[type=submit]");
        Assert.StartsWith(ApiTokenSecret.Prefix, await page.InnerTextAsync("#token-secret"), StringComparison.Ordinal);
        await Screenshot(page, "api-tokens");
        // The confirmation shows in the dashboard's review-quality numbers.
        await page.GotoAsync(baseUrl + "/");
        Assert.Equal("1", (await page.InnerTextAsync("#quality-all td:nth-child(3)")).Trim());
        await Screenshot(page, "review-quality");

        await page.ClickAsync("text=Keluar");
        await SignInAsync(page, "auditor");
        await page.GotoAsync(baseUrl + "/audit");
        await page.SelectOptionAsync("#audit-action", "flag.confirm");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync("**/audit?**action=flag.confirm**");
        var row = page.Locator("#audit-table tbody tr", new PageLocatorOptions { HasText = $"flag:{campaignFlag}" });
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains("officer-a", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Ajakan mencoblos nomor 02", await row.InnerTextAsync(), StringComparison.Ordinal);
        await Screenshot(page, "audit-log");

        // The hostile post in the queue ran nothing, and the strict CSP had nothing to block.
        Assert.Empty(dialogs);
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    private async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync(baseUrl + "/signin");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", BrowserSeed.Password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(baseUrl + "/");
    }

    internal static async Task Screenshot(IPage page, string name)
    {
        var folders = new List<string> { Path.Combine(AppContext.BaseDirectory, "screenshots") };
        if (Environment.GetEnvironmentVariable("SOCIALWATCH_SCREENSHOT_DIR") is { Length: > 0 } extra)
        {
            folders.Add(extra);
        }
        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }
}

/// <summary>A small, realistic registry and queue for the browser test and its screenshots.</summary>
internal static class BrowserSeed
{
    public const string Password = "correct horse battery staple";

    /// <returns>The id of the campaign flag the test confirms.</returns>
    public static async Task<long> SeedAsync(TempDatabase database, DateTimeOffset now)
    {
        var (agencyA, _, accountA) = await SampleRegistry.AddAccountAsync(database, "KOTAMAJU", 1);
        var (_, _, accountA2) = await SampleRegistry.AddAccountAsync(database, "KOTAMAJU", 3, Platform.Bluesky, "budi.bsky.social");
        var (_, _, accountB) = await SampleRegistry.AddAccountAsync(database, "DESASEJAHTERA", 2);
        var users = database.Get<IUserRepository>();
        var hash = new PasswordHasher(PasswordHasher.MinimumIterations).Hash(Password);
        await users.AddAsync("officer-a", "Sari Wulandari", "sari@kotamaju.example", Role.Officer, hash, [agencyA.Id], now);
        await users.AddAsync("auditor", "Agus Pratama", "agus@kotamaju.example", Role.Auditor, hash, [], now);

        var texts = new (long Account, string Text, Label Label, int DaysAgo)[]
        {
            (accountA2.Id, "Mantap debat semalam, 02 paling siap memimpin! #PrabowoGibran", Label.Endorse, 1),
            (accountA.Id, "Jangan pilih yang suka ingkar janji, ingat rekam jejaknya <script>alert('x')</script>", Label.Oppose, 2),
            (accountB.Id, "Ayo ramaikan kampanye akbar paslon 01 di lapangan kota!", Label.Campaign, 3),
            (accountA2.Id, "Salam tiga jari 🤟 Sat set, tuntas!", Label.Endorse, 5),
            (accountA.Id, "Kita dukung terus Pak Ganjar", Label.Endorse, 8),
            (accountB.Id, "Gemoy forever ✌️", Label.Endorse, 12),
            (accountA.Id, "Sebarkan stiker paslon nomor 2 ke grup RT ya", Label.Campaign, 15),
        };
        var sequence = 0;
        foreach (var (account, text, label, daysAgo) in texts)
        {
            await AddAsync(database, account, $"b{++sequence}", text, label, now.AddDays(-daysAgo).AddHours(-2), now.AddDays(-daysAgo), []);
        }
        const string Main = "Ayo coblos nomor 02 tanggal 14 Februari! Lanjutkan Indonesia Maju #PrabowoGibran2024";
        return await AddAsync(database, accountA.Id, "main", Main, Label.Campaign,
            new DateTimeOffset(2024, 2, 5, 9, 30, 0, TimeSpan.FromHours(7)), now.AddHours(-3),
            [
                Span(Main, "coblos", "feature", "w:coblos", Label.Campaign, 1.8),
                Span(Main, "nomor 02", "entity", "pair:2024-pilpres-02", Label.Endorse, 0, "Prabowo–Gibran, nomor urut 02, Pilpres 2024"),
                Span(Main, "Lanjutkan", "entity", "slogan:lanjutkan", Label.Endorse, 0, "slogan paslon 02"),
                Span(Main, "#PrabowoGibran2024", "entity", "hashtag:prabowogibran2024", Label.Endorse, 0, "tagar paslon 02"),
                Span(Main, "14 Februari", "feature", "w:14_februari", Label.Campaign, 0.6),
            ]);
    }

    private static Signal Span(string text, string part, string kind, string feature, Label label, double weight, string? entity = null) =>
        new(kind, text.IndexOf(part, StringComparison.Ordinal), part.Length, part, feature, label, weight, entity);

    private static async Task<long> AddAsync(TempDatabase database, long accountId, string postId, string text, Label label,
        DateTimeOffset createdAt, DateTimeOffset flaggedAt, IReadOnlyList<Signal> signals)
    {
        var stored = await database.Get<IPostRepository>().StoreAsync(accountId, SamplePosts.Fetched(postId, text, createdAt: createdAt), flaggedAt);
        var result = SamplePosts.Classified(label, 0.82) with { Signals = signals, ModelVersion = "nb-lr-2026.11.1" };
        var classification = await database.Get<IClassificationRepository>().SaveAsync(stored.Post.Id, stored.Post.Version, result, flaggedAt);
        var (flag, _) = await database.Get<IFlagRepository>().CreateIfAbsentAsync(stored.Post.Id, classification.Id, label, 0.82, flaggedAt);
        return flag.Id;
    }
}
