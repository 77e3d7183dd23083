using Microsoft.Playwright;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>
/// A person's path through bulk triage in Debian's chromium: tick three flags with a shift-click and give them to a
/// colleague, tick the whole page, dismiss all twenty with one reason; the screenshot docs/screenshots/queue-bulk.png
/// is taken with the page ticked.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BulkBrowserTests : IAsyncLifetime
{
    private const int BulkCount = 20;
    private TempDatabase database = null!;
    private BrowserHarness browser = null!;
    private readonly List<long> threadsFlags = [];

    public async Task InitializeAsync()
    {
        database = await TempDatabase.CreateAsync();
        var now = TimeProvider.System.GetUtcNow();
        await BrowserSeed.SeedAsync(database, now);
        var agency = (await database.Get<IAgencyRepository>().FindByCodeAsync("KOTAMAJU"))!;
        await database.Get<IUserRepository>().AddAsync("dewi", "Dewi Lestari", "dewi@kotamaju.example", Role.Officer,
            new PasswordHasher(PasswordHasher.MinimumIterations).Hash(BrowserSeed.Password), [agency.Id], now);
        // One Threads account whose twenty posts repeat a shared campaign message: what bulk dismissal is for.
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database, "KOTAMAJU", 4, Platform.Threads, "rina.threads");
        for (var i = 0; i < BulkCount; i++)
        {
            var flaggedAt = now.AddDays(-9).AddMinutes(i * 37);
            var text = $"Hadir ya di jalan sehat bersama warga RW {i + 1:00}, ada doorprize dan cek kesehatan gratis #KotaMajuSehat";
            var stored = await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched($"t{i}", text, Platform.Threads, createdAt: flaggedAt.AddHours(-1)), flaggedAt);
            var classification = await database.Get<IClassificationRepository>().SaveAsync(stored.Post.Id, stored.Post.Version, SamplePosts.Classified(Label.Campaign, 0.61), flaggedAt);
            threadsFlags.Add((await database.Get<IFlagRepository>().CreateIfAbsentAsync(stored.Post.Id, classification.Id, Label.Campaign, 0.61, flaggedAt)).Flag.Id);
        }
        browser = BrowserHarness.Start(database);
    }

    [Fact]
    public async Task Officer_assigns_three_by_shift_click_then_dismisses_twenty_flags_with_one_reason()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "officer-a");

        await page.GotoAsync(browser.BaseUrl + "/queue?platform=threads&sort=due");
        var boxes = page.Locator("#queue-table input.select-flag");
        Assert.Equal(BulkCount, await boxes.CountAsync());

        // Shift-click ticks the range from the last ticked box.
        await boxes.Nth(0).ClickAsync();
        await boxes.Nth(2).ClickAsync(new LocatorClickOptions { Modifiers = [KeyboardModifier.Shift] });
        Assert.Equal("3 dipilih", (await page.InnerTextAsync("#bulk-count")).Trim());
        await page.SelectOptionAsync("#bulk-assignee", new SelectOptionValue { Label = "Dewi Lestari (dewi)" });
        await page.ClickAsync("#bulk-assign");
        await page.WaitForSelectorAsync("p.notice:has-text('3 tanda ditugaskan')");
        var assignees = await page.Locator("#queue-table tbody td.assignee").AllInnerTextsAsync();
        Assert.Equal(3, assignees.Count(a => a.Contains("Dewi Lestari", StringComparison.Ordinal)));

        // "Select all on this page", off and on again.
        await page.CheckAsync("#select-page");
        Assert.Equal($"{BulkCount} dipilih", (await page.InnerTextAsync("#bulk-count")).Trim());
        await page.UncheckAsync("#select-page");
        Assert.Equal("0 dipilih", (await page.InnerTextAsync("#bulk-count")).Trim());
        await page.CheckAsync("#select-page");
        await page.FillAsync("#bulk-reason", "Ajakan jalan sehat RW tanpa nama atau nomor paslon: kegiatan warga, bukan kampanye.");
        await page.SelectOptionAsync("#bulk-dismiss-label", "civic");
        await BrowserHarness.Screenshot(page, "queue-bulk");
        await page.ClickAsync("#bulk-dismiss");
        await page.WaitForSelectorAsync($"p.notice:has-text('{BulkCount} tanda ditolak')");
        Assert.Equal(0, await boxes.CountAsync());

        var flags = database.Get<IFlagRepository>();
        foreach (var id in threadsFlags)
        {
            var detail = (await flags.GetDetailAsync(id))!;
            Assert.Equal(FlagStatus.Dismissed, detail.Flag.Status);
            Assert.Single(detail.History, h => h.Kind == DecisionKind.Dismiss);
        }
        var audit = await database.Get<IAuditLog>().QueryAsync(null, null, "officer-a", "flag.dismiss", 0, 100);
        Assert.Equal(threadsFlags.Select(id => $"flag:{id}").Order(), audit.Select(e => e.Subject!).Order());
        browser.AssertNoScriptRanOrFailed();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await database.DisposeAsync();
    }
}
