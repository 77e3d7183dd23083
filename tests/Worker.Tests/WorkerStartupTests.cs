using System.Text.Json;
using Dapper;
using SocialWatch.Storage;
using SocialWatch.Storage.Sqlite;
using SocialWatch.Testing;

namespace SocialWatch.Worker.Tests;

public sealed class WorkerStartupTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_applies_migrations_logs_json_and_SIGTERM_shuts_down_gracefully()
    {
        await using var database = TempDatabase.CreateEmpty();
        using var worker = WorkerProcess.Start(database.DataDirectory, $"--Storage:DataDirectory={database.DataDirectory}");

        await worker.WaitForOutputAsync("Application started", Patience);
        var status = await database.Get<IDatabaseMigrator>().GetStatusAsync();
        await worker.TerminateAsync();
        var exitCode = await worker.WaitForExitAsync(Patience);

        Assert.True(status.IsUpToDate);
        Assert.Equal(status.LatestVersion, status.CurrentVersion);
        Assert.Equal(0, exitCode);
        var lines = worker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var migrated = Assert.Single(lines, l => l.GetProperty("EventId").GetInt32() == 1001);
        Assert.Equal(status.LatestVersion, migrated.GetProperty("State").GetProperty("AppliedCount").GetInt32());
        Assert.Contains(lines, l => l.GetProperty("Message").GetString() == "Application is shutting down...");
        Assert.Equal("", worker.Error);
    }

    [Fact]
    public async Task Restart_on_a_migrated_database_applies_nothing()
    {
        await using var database = await TempDatabase.CreateAsync();
        using var worker = WorkerProcess.Start(database.DataDirectory, $"--Storage:DataDirectory={database.DataDirectory}");

        await worker.WaitForOutputAsync("Application started", Patience);
        await worker.TerminateAsync();
        await worker.WaitForExitAsync(Patience);

        var latest = (await database.Get<IDatabaseMigrator>().GetStatusAsync()).LatestVersion;
        Assert.Contains($"is up to date at schema version {latest}", worker.Output);
        Assert.DoesNotContain("\"EventId\":1001", worker.Output);
    }

    [Fact]
    public async Task Bad_option_values_stop_start_up_naming_each_key()
    {
        using var directory = new TempDirectory();
        using var worker = WorkerProcess.Start(directory.Path,
            $"--Storage:DataDirectory={directory.Path}", "--Storage:Provider=oracle", "--Storage:BusyTimeoutMilliseconds=-1");

        var exitCode = await worker.WaitForExitAsync(Patience);

        Assert.Equal(2, exitCode);
        Assert.Equal(
            "configuration error: Storage:Provider 'oracle' is not supported (expected: sqlite); Storage:BusyTimeoutMilliseconds must be between 0 and 600000 (got -1)",
            worker.Error.Trim());
        Assert.False(File.Exists(Path.Combine(directory.Path, "socialwatch.db")));
    }

    [Fact]
    public async Task A_database_from_a_newer_build_stops_start_up()
    {
        await using var database = await TempDatabase.CreateAsync();
        var latest = (await database.Get<IDatabaseMigrator>().GetStatusAsync()).LatestVersion;
        await using (var connection = await database.Get<SqliteConnectionFactory>().OpenAsync(default))
        {
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)");
        }
        using var worker = WorkerProcess.Start(database.DataDirectory, $"--Storage:DataDirectory={database.DataDirectory}");

        var exitCode = await worker.WaitForExitAsync(Patience);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("database error: the database", worker.Error.Trim());
        Assert.Contains($"has schema version 99, but this build of SocialWatch knows versions up to {latest}", worker.Error);
    }
}
