using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SocialWatch.Hosting;

namespace SocialWatch.Web.Tests;

/// <summary>
/// The contest import in Debian's chromium against the real host on Kestrel at 127.0.0.1: an admin uploads the
/// KPU's lists, checks them, writes the file and finds it listed as waiting for a restart. The check is screenshot
/// as contests-import.png (test output's screenshots folder, and SOCIALWATCH_SCREENSHOT_DIR when set).
/// </summary>
public sealed class ContestImportChromiumTests(ContestConsole console) : IClassFixture<ContestConsole>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task An_admin_uploads_the_lists_checks_them_and_writes_the_contest_file()
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium package is required at /usr/bin/chromium");
        await using var host = console.Factory.WithWebHostBuilder(_ => { });
        host.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var baseUrl = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        // Generous waits: the machine has two shared cores.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { consoleErrors.Add(message.Text); } };

        await page.GotoAsync(baseUrl + "/signin");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", ConsoleFixture.Password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(baseUrl + "/");

        await page.GotoAsync(baseUrl + "/admin/contests");
        await page.ClickAsync("#contest-import-link");
        await page.WaitForURLAsync(baseUrl + "/admin/contests/import");
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
        await ScreenshotAsync(page, "contests-import");

        await page.ClickAsync("#write");
        await page.WaitForURLAsync(baseUrl + "/admin/contests");
        Assert.Contains("kpu-candidates-example.json ditulis", await page.InnerTextAsync("p.notice"), StringComparison.Ordinal);
        var row = page.Locator("#contests tbody tr", new PageLocatorOptions { HasText = "pilkada-2024-kota-contoh" });
        Assert.Contains("setelah dimulai ulang", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(console.ContestDirectory, "kpu-candidates-example.json")));
        // The strict CSP had nothing to block.
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    private static async Task ScreenshotAsync(IPage page, string name)
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
}
