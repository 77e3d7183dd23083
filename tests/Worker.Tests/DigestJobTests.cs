using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Worker.Tests;

/// <summary>The digest and delivery jobs inside the real Worker process, writing .eml files to the pickup folder.</summary>
public sealed class DigestJobTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_cron_job_mails_each_officer_once_per_day_however_often_it_fires()
    {
        await using var database = await TempDatabase.CreateAsync();
        var (agency, _, account) = await SampleRegistry.AddAccountAsync(database);
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var stored = await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched("p1", "Coblos nomor 2 ya"), at);
        var classification = await database.Get<IClassificationRepository>().SaveAsync(stored.Post.Id, stored.Post.Version, SamplePosts.Classified(Label.Endorse), at);
        await database.Get<IFlagRepository>().CreateIfAbsentAsync(stored.Post.Id, classification.Id, Label.Endorse, 0.9, at);
        await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "x", [agency.Id], at);
        await database.Get<IUserRepository>().AddAsync("budi", "Budi", "budi@kotamaju.example", Role.Officer, "x", [agency.Id], at);
        var pickup = Path.Combine(database.DataDirectory, "mail");

        using var worker = WorkerProcess.Start(database.DataDirectory, $"--Storage:DataDirectory={database.DataDirectory}",
            "--Digest:Cron=*/2 * * * * ?", $"--Mail:PickupDirectory={pickup}", "--Mail:DeliveryInterval=00:00:01");
        await worker.WaitForOutputAsync("Digest run: 2 digest(s) stored", Patience);
        await WaitForAsync(() => Directory.Exists(pickup) && Directory.GetFiles(pickup, "*.eml").Length >= 2);
        await WaitForAsync(() => CountOf(worker.Output, "Digest run: 0 digest(s) stored") >= 2);
        await worker.TerminateAsync();
        Assert.Equal(0, await worker.WaitForExitAsync(Patience));

        var mails = Directory.GetFiles(pickup, "*.eml").Select(File.ReadAllText).ToList();
        Assert.Equal(2, mails.Count);
        Assert.Single(mails, m => m.Contains("To: siti@kotamaju.example", StringComparison.Ordinal));
        Assert.Single(mails, m => m.Contains("To: budi@kotamaju.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_cron_stops_start_up_naming_the_key()
    {
        using var directory = new TempDirectory();
        using var worker = WorkerProcess.Start(directory.Path, $"--Storage:DataDirectory={directory.Path}", "--Digest:Cron=every morning");

        Assert.Equal(2, await worker.WaitForExitAsync(Patience));
        Assert.Contains("Digest:Cron 'every morning' is not a valid Quartz cron expression", worker.Error, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string value) => text.Split(value).Length - 1;

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met in time");
            }
            await Task.Delay(200);
        }
    }
}
