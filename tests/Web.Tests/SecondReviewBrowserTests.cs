using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>
/// The second-reviewer confirmation in Debian's chromium: officer A confirms a flag, which waits for a second officer
/// (no case report yet); officer B of the same agency signs in, finds it under "second review" and agrees; the case
/// report becomes available. Then an escalated flag on the supervisor's own queue. Screenshots second-review.png and
/// supervisor-queue.png, as <see cref="BrowserHarness.Screenshot"/> says.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SecondReviewBrowserTests : IAsyncLifetime
{
    private TempDatabase database = null!;
    private BrowserHarness browser = null!;
    private long campaignFlag;
    private long escalatedFlag;

    public async Task InitializeAsync()
    {
        database = await TempDatabase.CreateAsync();
        var now = TimeProvider.System.GetUtcNow();
        campaignFlag = await BrowserSeed.SeedAsync(database, now);
        var agency = (await database.Get<IAgencyRepository>().FindByCodeAsync("KOTAMAJU"))!;
        var users = database.Get<IUserRepository>();
        var hash = new PasswordHasher(PasswordHasher.MinimumIterations).Hash(BrowserSeed.Password);
        var officerA = (await users.FindByUserNameAsync("officer-a"))!;
        await users.AddAsync("dewi", "Dewi Lestari", "dewi@kotamaju.example", Role.Officer, hash, [agency.Id], now);
        await users.AddAsync("hendra", "Hendra Gunawan", "hendra@kotamaju.example", Role.Supervisor, hash, [agency.Id], now);
        // An earlier flag the officer passed up: what the supervisor's queue shows.
        var waiting = await database.Get<IFlagRepository>().QueryAsync(new FlagQuery { Label = Label.Campaign, AgencyIds = [agency.Id], Sort = FlagSort.OldestFirst });
        escalatedFlag = waiting.Items.First(i => i.Flag.Id != campaignFlag).Flag.Id;
        await database.Get<IFlagRepository>().RecordDecisionAsync(escalatedFlag, officerA.Id, DecisionKind.Escalate, null,
            "Stiker paslon dibagikan lewat grup RT oleh pegawai kelurahan: perlu keputusan supervisor.", now.AddHours(-1));
        browser = BrowserHarness.Start(database);
    }

    [Fact]
    public async Task Officer_A_confirms_officer_B_agrees_and_the_case_report_becomes_available()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "officer-a");
        await page.GotoAsync($"{browser.BaseUrl}/flags/{campaignFlag}");
        await page.SelectOptionAsync("#confirm-category", "OnlineCampaign");
        await page.FillAsync("#confirm-reason", "Ajakan mencoblos nomor 02 pada masa kampanye.");
        await page.ClickAsync("#confirm");
        await page.WaitForSelectorAsync("#own-confirmation");
        Assert.Equal("Menunggu pemeriksa kedua", (await page.InnerTextAsync("#flag-status")).Trim());
        Assert.Equal(0, await page.Locator("#case-report-link").CountAsync());
        Assert.Equal(0, await page.Locator("#agree").CountAsync());
        await page.ClickAsync("text=Keluar");

        // Officer B finds it under "second review" and agrees.
        var second = await browser.NewPageAsync();
        await browser.SignInAsync(second, "dewi");
        await second.ClickAsync("#nav-second-review");
        await second.ClickAsync($"a.flag-link[href^='/flags/{campaignFlag}?']");
        await second.WaitForSelectorAsync("#agree-form");
        Assert.Contains("Sari Wulandari", await second.InnerTextAsync("#decided-by"), StringComparison.Ordinal);
        await second.FillAsync("#agree-reason", "Setuju: ajakan dan nomor urut jelas.");
        await second.Locator("#second-review").ScrollIntoViewIfNeededAsync();
        await BrowserHarness.Screenshot(second, "second-review");
        await second.ClickAsync("#agree");
        await second.WaitForSelectorAsync("#case-report-link");
        Assert.Equal("Dikonfirmasi", (await second.InnerTextAsync("#flag-status")).Trim());
        Assert.Contains("Dewi Lestari", await second.InnerTextAsync("#agreed-by"), StringComparison.Ordinal);

        await second.ClickAsync("#case-report-link");
        await second.WaitForURLAsync($"**/flags/{campaignFlag}/report");
        var sha = (await database.Get<IFlagRepository>().GetDetailAsync(campaignFlag))!.Post.RawSha256;
        Assert.Contains(sha, await second.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal([DecisionKind.Confirm, DecisionKind.Agree], (await database.Get<IFlagRepository>().GetDetailAsync(campaignFlag))!.History.Select(h => h.Kind));

        // The supervisor's own queue holds the escalated flag with the officer's reason.
        var supervisor = await browser.NewPageAsync();
        await browser.SignInAsync(supervisor, "hendra");
        await supervisor.ClickAsync("#nav-supervisor");
        await supervisor.WaitForSelectorAsync("#supervisor-queue");
        Assert.Contains("perlu keputusan supervisor", await supervisor.InnerTextAsync("#supervisor-queue"), StringComparison.Ordinal);
        await BrowserHarness.Screenshot(supervisor, "supervisor-queue");
        await supervisor.ClickAsync($"a.flag-link[href='/flags/{escalatedFlag}']");
        await supervisor.WaitForSelectorAsync("#reopen-form");
        Assert.Equal(1, await supervisor.Locator("#confirm-form").CountAsync());

        browser.AssertNoScriptRanOrFailed();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await database.DisposeAsync();
    }
}
