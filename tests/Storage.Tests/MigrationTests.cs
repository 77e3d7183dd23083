using Dapper;
using Microsoft.Extensions.Time.Testing;
using SocialWatch.Storage;
using SocialWatch.Testing;

namespace SocialWatch.Storage.Tests;

public abstract class MigrationTests(DatabaseEngine engine)
{
    private static readonly string[] Tables =
        ["accounts", "agencies", "api_tokens", "audit_log", "case_steps", "classification_failures", "classifications", "data_protection_keys", "evidence_media", "evidence_parents", "flags", "job_state", "models", "outbox", "post_versions", "posts", "quarantine", "review_decisions", "saved_filters", "schema_migrations", "staff", "user_agencies", "users"];

    [SkippableFact]
    public async Task Fresh_database_gets_every_migration_and_reports_up_to_date()
    {
        await using var database = await TempDatabase.CreateEmptyAsync(engine, new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero)));
        var migrator = database.Get<IDatabaseMigrator>();

        var before = await migrator.GetStatusAsync();
        var applied = await migrator.MigrateAsync();
        var after = await migrator.GetStatusAsync();

        Assert.Equal(0, before.CurrentVersion);
        Assert.False(before.IsUpToDate);
        Assert.Equal([(1, "initial"), (2, "queue_indexes"), (3, "classification_failures"), (4, "account_leases"), (5, "data_protection_keys"), (6, "flag_post_time"), (7, "flag_staff"), (8, "account_error_text"), (10, "agency_region"), (11, "flag_election"), (13, "export_platforms"), (14, "flag_assignment"), (15, "saved_filters"), (16, "api_tokens"), (17, "learning"), (18, "recall_sample"), (19, "case_steps"), (20, "flag_evidence"), (21, "second_review")], applied.Select(m => (m.Version, m.Name)));
        Assert.True(after.IsUpToDate);
        Assert.All(after.Migrations, m => Assert.Equal(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero), m.AppliedAt));
    }

    [SkippableFact]
    public async Task Fresh_database_has_the_whole_schema()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        await using var connection = await database.Get<DbConnectionFactory>().OpenAsync(default);

        var sql = engine == DatabaseEngine.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename";
        var tables = (await connection.QueryAsync<string>(sql)).ToList();

        Assert.Equal(Tables, tables);
    }

    [SkippableFact]
    public async Task Migrating_an_up_to_date_database_is_a_no_op()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var migrator = database.Get<IDatabaseMigrator>();
        await SampleRegistry.AddAccountAsync(database);

        var appliedAgain = await migrator.MigrateAsync();
        var status = await migrator.GetStatusAsync();

        Assert.Empty(appliedAgain);
        Assert.True(status.IsUpToDate);
        Assert.Single(await database.Get<Core.Ports.IAccountRepository>().ListAsync());
    }

    [SkippableFact]
    public async Task Database_newer_than_the_code_is_refused_with_a_clear_message()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var migrator = database.Get<IDatabaseMigrator>();
        var latest = (await migrator.GetStatusAsync()).LatestVersion;
        await using (var connection = await database.Get<DbConnectionFactory>().OpenAsync(default))
        {
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from_the_future', 0)");
        }

        var migrate = await Assert.ThrowsAsync<DatabaseSchemaException>(() => migrator.MigrateAsync());
        var status = await Assert.ThrowsAsync<DatabaseSchemaException>(() => migrator.GetStatusAsync());

        Assert.Contains("schema version 999", migrate.Message);
        Assert.Contains($"knows versions up to {latest}", migrate.Message);
        Assert.Equal(migrate.Message, status.Message);
    }

    [SkippableFact]
    public async Task Two_migrators_starting_together_apply_each_migration_once()
    {
        await using var database = await TempDatabase.CreateEmptyAsync(engine);
        var first = database.Get<IDatabaseMigrator>();
        var second = new DatabaseMigrator(database.Get<DbConnectionFactory>(), TimeProvider.System);

        var results = await Task.WhenAll(Task.Run(() => first.MigrateAsync()), Task.Run(() => second.MigrateAsync()));

        Assert.Equal((await first.GetStatusAsync()).Migrations.Count, results.Sum(r => r.Count));
        Assert.True((await first.GetStatusAsync()).IsUpToDate);
    }

    [SkippableFact]
    public async Task Export_posts_stored_as_jsonl_move_to_their_platform_and_a_single_platform_account_moves_with_them()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, single) = await SampleRegistry.AddAccountAsync(database, platform: Core.Domain.Platform.Jsonl, handle: "rina.guru");
        var (_, _, mixed) = await SampleRegistry.AddAccountAsync(database, nipSequence: 2, platform: Core.Domain.Platform.Jsonl, handle: "joko");
        Core.Ports.IngestItem Legacy(long account, string id, Core.Domain.Label label) =>
            new(account, SamplePosts.Fetched(id, platform: Core.Domain.Platform.Jsonl), SamplePosts.Classified(label));
        await database.Get<Core.Ports.IIngestionStore>().StoreAsync(
            [Legacy(single.Id, "tiktok:1", Core.Domain.Label.Endorse), Legacy(single.Id, "tiktok:2", Core.Domain.Label.Other),
             Legacy(mixed.Id, "facebook:3", Core.Domain.Label.Other), Legacy(mixed.Id, "instagram:4", Core.Domain.Label.Other),
             Legacy(mixed.Id, "other:5", Core.Domain.Label.Other)],
            DateTimeOffset.UnixEpoch);
        await using (var connection = await database.Get<DbConnectionFactory>().OpenAsync(default))
        {
            await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version = 13");
        }

        await database.Get<IDatabaseMigrator>().MigrateAsync();

        await using var check = await database.Get<DbConnectionFactory>().OpenAsync(default);
        var posts = (await check.QueryAsync<(string, string)>("SELECT platform, platform_post_id FROM posts ORDER BY platform, platform_post_id")).ToList();
        Assert.Equal([("facebook", "3"), ("instagram", "4"), ("jsonl", "other:5"), ("tiktok", "1"), ("tiktok", "2")], posts);
        var accounts = (await check.QueryAsync<(string, string)>("SELECT handle, platform FROM accounts ORDER BY handle")).ToList();
        Assert.Equal([("joko", "jsonl"), ("rina.guru", "tiktok")], accounts);
        Assert.Equal("tiktok", await check.ExecuteScalarAsync<string>("SELECT platform FROM flags"));
    }

    [SkippableFact]
    public async Task Second_review_migration_widens_the_checks_in_place_keeping_rows_and_reaches_connections_opened_before()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (agency, _, account) = await SampleRegistry.AddAccountAsync(database);
        var post = (await database.Get<Core.Ports.IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched("1"), DateTimeOffset.UnixEpoch)).Post;
        var classification = await database.Get<Core.Ports.IClassificationRepository>().SaveAsync(post.Id, 1, SamplePosts.Classified(Core.Domain.Label.Endorse), DateTimeOffset.UnixEpoch);
        var (flag, _) = await database.Get<Core.Ports.IFlagRepository>().CreateIfAbsentAsync(post.Id, classification.Id, Core.Domain.Label.Endorse, 0.9, DateTimeOffset.UnixEpoch);
        var officer = await database.Get<Core.Ports.IUserRepository>().AddAsync("siti", "Siti", "s@x.example", Core.Domain.Role.Officer, "h", [agency.Id], DateTimeOffset.UnixEpoch);
        await database.Get<Core.Ports.IFlagRepository>().RecordDecisionAsync(flag.Id, officer.Id, Core.Domain.DecisionKind.Note, null, "dicek", DateTimeOffset.UnixEpoch);
        // Back to the lists before 0021, as a database of version 20 has them.
        await using (var connection = await database.Get<DbConnectionFactory>().OpenAsync(default))
        {
            await connection.ExecuteAsync(engine == DatabaseEngine.Sqlite
                ? """
                  PRAGMA writable_schema = ON;
                  UPDATE sqlite_schema SET sql = replace(sql, ', ''supervisor''))', '))') WHERE name = 'users';
                  UPDATE sqlite_schema SET sql = replace(sql, ', ''awaiting_second_review''))', '))') WHERE name = 'flags';
                  UPDATE sqlite_schema SET sql = replace(sql, ', ''reopen'', ''agree'', ''disagree''))', '))') WHERE name = 'review_decisions';
                  PRAGMA writable_schema = RESET;
                  CREATE TABLE bump (x INTEGER); DROP TABLE bump;
                  DELETE FROM schema_migrations WHERE version = 21;
                  """
                : """
                  ALTER TABLE users DROP CONSTRAINT users_role_check, ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'officer', 'auditor'));
                  ALTER TABLE flags DROP CONSTRAINT flags_status_check, ADD CONSTRAINT flags_status_check CHECK (status IN ('open', 'in_review', 'confirmed', 'dismissed', 'escalated'));
                  ALTER TABLE review_decisions DROP CONSTRAINT review_decisions_kind_check, ADD CONSTRAINT review_decisions_kind_check CHECK (kind IN ('confirm', 'dismiss', 'escalate', 'note', 'assign'));
                  DELETE FROM schema_migrations WHERE version = 21;
                  """);
        }
        // A connection that has read the old schema, held across the migration (pooled connections are).
        await using var before = await database.Get<DbConnectionFactory>().OpenAsync(default);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => before.ExecuteAsync("UPDATE users SET role = 'supervisor' WHERE id = @Id", new { officer.Id }));

        var applied = await database.Get<IDatabaseMigrator>().MigrateAsync();

        Assert.Equal([21], applied.Select(m => m.Version));
        await before.ExecuteAsync("UPDATE users SET role = 'supervisor' WHERE id = @Id", new { officer.Id });
        await before.ExecuteAsync("UPDATE flags SET status = 'awaiting_second_review' WHERE id = @Id", new { flag.Id });
        await before.ExecuteAsync("INSERT INTO review_decisions (flag_id, user_id, decided_at, kind) VALUES (@Flag, @User, 0, 'agree'), (@Flag, @User, 0, 'reopen'), (@Flag, @User, 0, 'disagree')", new { Flag = flag.Id, User = officer.Id });
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => before.ExecuteAsync("UPDATE users SET role = 'boss' WHERE id = @Id", new { officer.Id }));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => before.ExecuteAsync("UPDATE flags SET status = 'maybe' WHERE id = @Id", new { flag.Id }));
        var detail = (await database.Get<Core.Ports.IFlagRepository>().GetDetailAsync(flag.Id))!;
        Assert.Equal(Core.Domain.FlagStatus.AwaitingSecondReview, detail.Flag.Status);
        Assert.Equal([Core.Domain.DecisionKind.Note, Core.Domain.DecisionKind.Agree, Core.Domain.DecisionKind.Reopen, Core.Domain.DecisionKind.Disagree], detail.History.Select(h => h.Kind));
        Assert.Equal(Core.Domain.Role.Supervisor, (await database.Get<Core.Ports.IUserRepository>().GetAsync(officer.Id))!.Role);
    }

    [SkippableFact]
    public async Task A_failing_script_leaves_the_database_as_it_was()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        await using (var connection = await database.Get<DbConnectionFactory>().OpenAsync(default))
        {
            // Back to version 1, except that one index of script 2 is still there: script 2 drops the old indexes,
            // creates the first new one and fails on the second.
            await connection.ExecuteAsync("""
                DELETE FROM schema_migrations WHERE version = 2;
                DROP INDEX ix_flags_queue_by_time;
                CREATE INDEX ix_flags_created ON flags (created_at);
                CREATE INDEX ix_flags_score ON flags (score);
                """);
        }

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => database.Get<IDatabaseMigrator>().MigrateAsync());
        var status = await database.Get<IDatabaseMigrator>().GetStatusAsync();

        Assert.Null(status.Migrations.Single(m => m.Version == 2).AppliedAt);
        await using var check = await database.Get<DbConnectionFactory>().OpenAsync(default);
        // The DROP INDEX ix_flags_score that ran before the failure was rolled back with it.
        var sql = engine == DatabaseEngine.Sqlite
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_flags_score'"
            : "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_flags_score'";
        Assert.Equal(1, await check.ExecuteScalarAsync<long>(sql));
    }
}

public sealed class SqliteMigrationTests() : MigrationTests(DatabaseEngine.Sqlite)
{
    [Fact]
    public async Task Sqlite_database_is_a_file_in_wal_mode_with_foreign_keys()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var connection = await database.Get<DbConnectionFactory>().OpenAsync(default);

        Assert.True(File.Exists(Path.Combine(database.DataDirectory, "socialwatch.db")));
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
    }

    [Fact]
    public async Task A_database_migrated_before_DbUp_upgrades_in_place_keeping_its_journal()
    {
        // What the runner before DbUp left: the schema of script 1 and its row in schema_migrations.
        await using var database = TempDatabase.CreateEmpty();
        var script = typeof(DatabaseMigrator).Assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Migrations.Sqlite.0001_initial.sql", StringComparison.Ordinal));
        using (var reader = new StreamReader(typeof(DatabaseMigrator).Assembly.GetManifestResourceStream(script)!))
        await using (var connection = await database.Get<DbConnectionFactory>().OpenAsync(default))
        {
            await connection.ExecuteAsync(await reader.ReadToEndAsync());
            await connection.ExecuteAsync("""
                CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
                INSERT INTO schema_migrations VALUES (1, 'initial', 1700000000000);
                INSERT INTO agencies (code, name) VALUES ('BKN', 'Badan Kepegawaian Negara');
                """);
        }

        var applied = await database.Get<IDatabaseMigrator>().MigrateAsync();
        var status = await database.Get<IDatabaseMigrator>().GetStatusAsync();

        Assert.Equal(status.Migrations.Skip(1).Select(m => m.Version), applied.Select(m => m.Version));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), status.Migrations[0].AppliedAt);
        Assert.True(status.IsUpToDate);
        Assert.Equal("BKN", Assert.Single(await database.Get<Core.Ports.IAgencyRepository>().ListAsync()).Code);
    }
}

public sealed class PostgresMigrationTests() : MigrationTests(DatabaseEngine.Postgres);
