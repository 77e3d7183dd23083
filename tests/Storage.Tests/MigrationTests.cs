using Dapper;
using Microsoft.Extensions.Time.Testing;
using SocialWatch.Storage;
using SocialWatch.Storage.Sqlite;
using SocialWatch.Testing;

namespace SocialWatch.Storage.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Fresh_database_gets_every_migration_and_reports_up_to_date()
    {
        await using var database = TempDatabase.CreateEmpty(new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero)));
        var migrator = database.Get<IDatabaseMigrator>();

        var before = await migrator.GetStatusAsync();
        var applied = await migrator.MigrateAsync();
        var after = await migrator.GetStatusAsync();

        Assert.Equal(0, before.CurrentVersion);
        Assert.False(before.IsUpToDate);
        Assert.Equal([(1, "initial"), (2, "queue_indexes"), (3, "classification_failures"), (4, "flag_post_time")], applied.Select(m => (m.Version, m.Name)));
        Assert.True(after.IsUpToDate);
        Assert.All(after.Migrations, m => Assert.Equal(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero), m.AppliedAt));
        Assert.True(File.Exists(Path.Combine(database.DataDirectory, "socialwatch.db")));
    }

    [Fact]
    public async Task Fresh_database_has_the_whole_schema_in_wal_mode()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var connection = await database.Get<SqliteConnectionFactory>().OpenAsync(default);

        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).ToList();
        var journalMode = await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode");
        var foreignKeys = await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys");

        Assert.Equal(
            ["accounts", "agencies", "audit_log", "classification_failures", "classifications", "flags", "job_state", "outbox", "post_versions", "posts",
             "quarantine", "review_decisions", "schema_migrations", "staff", "user_agencies", "users"],
            tables);
        Assert.Equal("wal", journalMode);
        Assert.Equal(1, foreignKeys);
    }

    [Fact]
    public async Task Migrating_an_up_to_date_database_is_a_no_op()
    {
        await using var database = await TempDatabase.CreateAsync();
        var migrator = database.Get<IDatabaseMigrator>();
        await SampleRegistry.AddAccountAsync(database);

        var appliedAgain = await migrator.MigrateAsync();
        var status = await migrator.GetStatusAsync();

        Assert.Empty(appliedAgain);
        Assert.True(status.IsUpToDate);
        Assert.Single(await database.Get<Core.Ports.IAccountRepository>().ListAsync());
    }

    [Fact]
    public async Task Database_newer_than_the_code_is_refused_with_a_clear_message()
    {
        await using var database = await TempDatabase.CreateAsync();
        var migrator = database.Get<IDatabaseMigrator>();
        var latest = (await migrator.GetStatusAsync()).LatestVersion;
        await using (var connection = await database.Get<SqliteConnectionFactory>().OpenAsync(default))
        {
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from_the_future', 0)");
        }

        var migrate = await Assert.ThrowsAsync<DatabaseSchemaException>(() => migrator.MigrateAsync());
        var status = await Assert.ThrowsAsync<DatabaseSchemaException>(() => migrator.GetStatusAsync());

        Assert.Contains("schema version 999", migrate.Message);
        Assert.Contains($"knows versions up to {latest}", migrate.Message);
        Assert.Equal(migrate.Message, status.Message);
    }

    [Fact]
    public async Task Two_migrators_starting_together_apply_each_migration_once()
    {
        await using var database = TempDatabase.CreateEmpty();
        var first = database.Get<IDatabaseMigrator>();
        var second = new SqliteDatabaseMigrator(database.Get<SqliteConnectionFactory>(), TimeProvider.System);

        var results = await Task.WhenAll(Task.Run(() => first.MigrateAsync()), Task.Run(() => second.MigrateAsync()));

        Assert.Equal((await first.GetStatusAsync()).LatestVersion, results.Sum(r => r.Count));
        Assert.True((await first.GetStatusAsync()).IsUpToDate);
    }
}
