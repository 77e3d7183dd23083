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
/// What every browser test needs: the real host on Kestrel at 127.0.0.1, Debian's chromium driven by Playwright, and
/// one page whose script dialogs and console errors are collected (a strict CSP blocking something, or a hostile post
/// running, shows up there). Screenshots go to the test output's screenshots folder, and also to
/// SOCIALWATCH_SCREENSHOT_DIR when set (docs/screenshots is refreshed that way).
/// </summary>
internal sealed class BrowserHarness : IAsyncDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly ConsoleFactory factory;
    private readonly List<string> dialogs = [];
    private readonly List<string> consoleErrors = [];
    private IPlaywright? playwright;
    private IBrowser? browser;

    private BrowserHarness(ConsoleFactory factory, string baseUrl)
    {
        this.factory = factory;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>Starts the console over the database on a free loopback port.</summary>
    public static BrowserHarness Start(TempDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new ConsoleFactory(database.DataDirectory, settings);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new BrowserHarness(factory, addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
    }

    /// <summary>A new page in a fresh browser context (its own cookies), its dialogs dismissed and recorded.</summary>
    public async Task<IPage> NewPageAsync()
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium package is required at /usr/bin/chromium");
        playwright ??= await Playwright.CreateAsync();
        browser ??= await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
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
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        page.Console += (_, message) => { if (message.Type == "error") { consoleErrors.Add(message.Text); } };
        return page;
    }

    public async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync(BaseUrl + "/signin");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", BrowserSeed.Password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(BaseUrl + "/");
    }

    /// <summary>No page opened a dialog (no injected script ran) and none logged an error (the CSP had nothing to block).</summary>
    public void AssertNoScriptRanOrFailed()
    {
        Assert.True(dialogs.Count == 0, string.Join("\n", dialogs));
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    public static async Task Screenshot(IPage page, string name)
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

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        await factory.DisposeAsync();
    }
}

/// <summary>The browser tests run one at a time, after the others: two Chromiums beside the rest of the suite on a
/// two-core CI machine made a sign-in outlast its 90 s wait.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserTestGroup
{
    public const string Name = "browser";
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
