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
        Assert.Equal(status.Migrations.Count, migrated.GetProperty("State").GetProperty("AppliedCount").GetInt32());
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
            "configuration error: Storage:Provider 'oracle' is not supported (expected: sqlite or postgres); Storage:BusyTimeoutMilliseconds must be between 0 and 600000 (got -1)",
            worker.Error.Trim());
        Assert.False(File.Exists(Path.Combine(directory.Path, "socialwatch.db")));
    }

    [Fact]
    public async Task Bad_learning_settings_stop_start_up_naming_each_key()
    {
        using var directory = new TempDirectory();
        using var worker = WorkerProcess.Start(directory.Path,
            $"--Storage:DataDirectory={directory.Path}", "--Learning:MinDecisions=0", "--Learning:MaxRegression=2", "--Learning:RetrainCron=every sunday");

        var exitCode = await worker.WaitForExitAsync(Patience);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("configuration error: ", worker.Error.Trim(), StringComparison.Ordinal);
        Assert.Contains("Learning:MinDecisions must be between 1 and 1000000 (got 0)", worker.Error, StringComparison.Ordinal);
        Assert.Contains("Learning:MaxRegression must be between 0 and 1 (got 2)", worker.Error, StringComparison.Ordinal);
        Assert.Contains("Learning:RetrainCron 'every sunday' is not a valid Quartz cron expression", worker.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contest_file_with_overlapping_dates_stops_start_up_naming_the_file_and_the_field()
    {
        using var directory = new TempDirectory();
        var contests = Path.Combine(directory.Path, "contests");
        Directory.CreateDirectory(contests);
        var file = Path.Combine(contests, "pilkada-uji.json");
        await File.WriteAllTextAsync(file, """
            { "contests": [ { "id": "pilkada-uji", "name": "Pilkada Uji", "kind": "pilgub", "region": "Uji", "regionCode": "32",
              "campaignStart": "2024-09-25", "campaignEnd": "2024-11-23", "quietStart": "2024-11-20", "quietEnd": "2024-11-26", "voteDate": "2024-11-27" } ] }
            """);
        using var worker = WorkerProcess.Start(directory.Path, $"--Storage:DataDirectory={directory.Path}", $"--Classifier:LexiconDirectory={contests}");

        var exitCode = await worker.WaitForExitAsync(Patience);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(worker.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"contest file '{file}': 'contests[pilkada-uji].quietStart' (2024-11-20) overlaps 'contests[pilkada-uji].campaignEnd' (2024-11-23): the stages must follow one another", line.Trim());
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

    [Fact]
    public async Task An_unreachable_PostgreSQL_stops_start_up_naming_the_setting_with_the_password_masked()
    {
        using var directory = new TempDirectory();
        var port = FreePort();
        using var worker = WorkerProcess.Start(directory.Path, "--Storage:Provider=postgres",
            $"--Storage:ConnectionString=Host=127.0.0.1;Port={port};Database=socialwatch;Username=sw;Password=s3cret-Pa55;Timeout=3");

        var exitCode = await worker.WaitForExitAsync(Patience);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(worker.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(
            $"database error: cannot connect to the database of Storage:ConnectionString 'Host=127.0.0.1;Port={port};Database=socialwatch;Username=sw;Password=***;Timeout=3': ",
            line);
        Assert.DoesNotContain("s3cret", worker.Error + worker.Output);
    }

    [Fact]
    public async Task A_malformed_connection_string_is_a_configuration_error()
    {
        using var directory = new TempDirectory();
        using var worker = WorkerProcess.Start(directory.Path, "--Storage:Provider=postgres", "--Storage:ConnectionString=Host=db;Password=hunter2;Colour=blue");

        var exitCode = await worker.WaitForExitAsync(Patience);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("configuration error: Storage:ConnectionString is not a valid PostgreSQL connection string: ", worker.Error.Trim());
        Assert.DoesNotContain("hunter2", worker.Error);
    }

    [SkippableFact]
    public async Task Start_on_PostgreSQL_applies_the_migrations_and_shuts_down_gracefully()
    {
        await using var database = await TempDatabase.CreateEmptyAsync(DatabaseEngine.Postgres);
        using var worker = WorkerProcess.Start(database.DataDirectory, "--Storage:Provider=postgres",
            $"--Storage:ConnectionString={database.Configuration["Storage:ConnectionString"]}", "--Samples:Enabled=false", "--DropFolder:Enabled=false");

        await worker.WaitForOutputAsync("Application started", Patience);
        var status = await database.Get<IDatabaseMigrator>().GetStatusAsync();
        await worker.TerminateAsync();

        Assert.Equal(0, await worker.WaitForExitAsync(Patience));
        Assert.True(status.IsUpToDate);
        Assert.Equal("", worker.Error);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
