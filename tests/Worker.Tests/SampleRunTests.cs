using System.Text.Json;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Worker.Tests;

/// <summary>
/// The README's first command as a new user meets it: the samples found from any working directory, every sample
/// export imported, partisan posts flagged, the X accounts paused (no token) rather than failed, the seeding audited.
/// </summary>
public sealed class SampleRunTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_first_start_seeds_and_imports_the_samples_with_no_error_and_the_x_accounts_paused()
    {
        await using var database = TempDatabase.CreateEmpty();
        var processed = Path.Combine(database.DataDirectory, "inbox", "processed");
        using var worker = WorkerProcess.Start(database.DataDirectory, "--Samples:Enabled=true", "--DropFolder:Enabled=true",
            "--DropFolder:ScanInterval=00:00:01", "--DropFolder:SettleTime=00:00:00", "--Jobs:PollCheckInterval=00:00:01");

        var deadline = DateTime.UtcNow + Patience;
        while (!Directory.Exists(processed) || Directory.GetFiles(processed).Length < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the sample exports were not all imported; stdout:\n{worker.Output}");
            await Task.Delay(200);
        }
        await Task.Delay(TimeSpan.FromSeconds(3)); // a few polling rounds for the X accounts
        await worker.TerminateAsync();
        await worker.WaitForExitAsync(Patience);

        var accounts = await database.Get<IAccountRepository>().ListAsync();
        Assert.Equal(9, accounts.Count);
        var connectors = database.Get<Connectors>();
        var x = accounts.Where(a => a.Platform == Platform.X).ToList();
        Assert.Equal(2, x.Count);
        Assert.All(x, a => Assert.Equal((AccountStatus.Active, 0, AccountActivity.PausedConnectorDisabled), (a.Status, a.ConsecutiveFailures, connectors.Activity(a))));
        Assert.Contains(accounts, a => a.Platform == Platform.Tiktok && a.Handle == "siti.rahma.perawat");
        Assert.Contains(accounts, a => a.Platform == Platform.Facebook && a.Handle == "siti.rahma.perawat");
        await using var connection = await database.Get<SocialWatch.Storage.DbConnectionFactory>().OpenAsync(default);
        var flags = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT count(*) FROM flags");
        Assert.InRange(flags, 10, 60);
        var seeded = Assert.Single(await database.Get<IAuditLog>().QueryAsync(null, null, null, AuditActions.SamplesSeeded, 0, 10));
        Assert.Equal(AuditActions.SamplesActor, seeded.Actor);
        var levels = worker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("LogLevel").GetString());
        Assert.DoesNotContain("Error", levels);
        Assert.Equal("", worker.Error);
    }
}
