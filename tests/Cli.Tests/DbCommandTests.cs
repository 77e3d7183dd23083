using Dapper;
using SocialWatch.Storage.Sqlite;
using SocialWatch.Storage;

namespace SocialWatch.Cli.Tests;

public sealed class DbCommandTests
{
    [Fact]
    public async Task Status_then_migrate_then_migrate_again()
    {
        await using var cli = new CliHarness();
        var latest = (await cli.Database.Get<IDatabaseMigrator>().GetStatusAsync()).LatestVersion;

        var before = await cli.RunAsync("db", "status");
        var migrate = await cli.RunAsync("db", "migrate");
        var again = await cli.RunAsync("db", "migrate");
        var after = await cli.RunAsync("db", "status");

        Assert.Equal(0, before.ExitCode);
        Assert.Contains($"schema version: 0 of {latest} (run `socialwatch db migrate`)", before.Output);
        Assert.Contains("pending", before.Output);
        Assert.Equal(0, migrate.ExitCode);
        Assert.StartsWith("applied 0001 initial\napplied 0002 queue_indexes\napplied 0003 classification_failures\n", migrate.Output.ReplaceLineEndings("\n"));
        Assert.Contains($"is now at schema version {latest}", migrate.Output);
        Assert.Contains($"is up to date (schema version {latest})", again.Output);
        Assert.Contains($"schema version: {latest} of {latest} (up to date)", after.Output);
        Assert.Contains(Path.Combine(cli.Database.DataDirectory, "socialwatch.db"), after.Output);
        Assert.DoesNotContain("pending", after.Output);
    }

    [Fact]
    public async Task A_database_from_a_newer_build_is_a_one_line_error()
    {
        await using var cli = new CliHarness();
        await cli.GivenAsync(["db", "migrate"]);
        var latest = (await cli.Database.Get<IDatabaseMigrator>().GetStatusAsync()).LatestVersion;
        await using (var connection = await cli.Database.Get<SqliteConnectionFactory>().OpenAsync(default))
        {
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)");
        }

        var migrate = await cli.RunAsync("db", "migrate");
        var status = await cli.RunAsync("db", "status");
        var list = await cli.RunAsync("agencies", "list");

        var expected = $"error: the database {Path.Combine(cli.Database.DataDirectory, "socialwatch.db")} has schema version 99, but this build of SocialWatch knows versions up to {latest}: " +
            "run a newer SocialWatch, or point Storage:DataDirectory at another database";
        migrate.AssertOneLineError(expected);
        status.AssertOneLineError(expected);
        list.AssertOneLineError(expected);
    }
}
