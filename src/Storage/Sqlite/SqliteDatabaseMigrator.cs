using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace SocialWatch.Storage.Sqlite;

/// <summary>
/// Applies the numbered scripts embedded from Migrations/Sqlite (NNNN_name.sql) and records them in
/// schema_migrations. All pending scripts run in one IMMEDIATE transaction, so two processes starting together
/// cannot both apply them, and a failing script leaves the database as it was.
/// </summary>
public sealed partial class SqliteDatabaseMigrator(SqliteConnectionFactory connections, TimeProvider time) : IDatabaseMigrator
{
    private static readonly Lazy<IReadOnlyList<Migration>> Known = new(LoadEmbeddedMigrations);

    private sealed record Migration(int Version, string Name, string Sql);

    private sealed class AppliedRow
    {
        public long Version { get; set; }
        public long AppliedAt { get; set; }
    }

    public async Task<IReadOnlyList<MigrationState>> MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        // WAL is a property of the file and cannot change inside a transaction.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: ct));

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await EnsureSchemaTableAsync(connection, transaction, ct);
        var applied = await ReadAppliedAsync(connection, transaction, ct);
        ThrowIfNewerThanCode(applied);

        var appliedNow = new List<MigrationState>();
        var at = time.GetUtcNow();
        foreach (var migration in Known.Value.Where(m => !applied.ContainsKey(m.Version)))
        {
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = migration.Sql;
                await command.ExecuteNonQueryAsync(ct);
            }
            const string Record = """
                INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt);
                """;
            await connection.ExecuteAsync(new CommandDefinition(Record,
                new { migration.Version, migration.Name, AppliedAt = SqliteValues.ToUnixMs(at) }, transaction, cancellationToken: ct));
            appliedNow.Add(new MigrationState(migration.Version, migration.Name, at));
        }
        await transaction.CommitAsync(ct);
        return appliedNow;
    }

    public async Task<DatabaseStatus> GetStatusAsync(CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        const string TableExists = """
            SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations';
            """;
        var hasTable = await connection.ExecuteScalarAsync<long>(new CommandDefinition(TableExists, cancellationToken: ct)) > 0;
        var applied = hasTable ? await ReadAppliedAsync(connection, null, ct) : new Dictionary<int, DateTimeOffset>();
        ThrowIfNewerThanCode(applied);
        var states = Known.Value
            .Select(m => new MigrationState(m.Version, m.Name, applied.TryGetValue(m.Version, out var at) ? at : null))
            .ToList();
        return new DatabaseStatus(connections.DatabasePath, applied.Count == 0 ? 0 : applied.Keys.Max(), LatestVersion, states);
    }

    private static int LatestVersion => Known.Value.Count == 0 ? 0 : Known.Value[^1].Version;

    private void ThrowIfNewerThanCode(Dictionary<int, DateTimeOffset> applied)
    {
        var newest = applied.Count == 0 ? 0 : applied.Keys.Max();
        if (newest > LatestVersion)
        {
            throw new DatabaseSchemaException(
                $"the database {connections.DatabasePath} has schema version {newest}, but this build of SocialWatch knows versions up to {LatestVersion}: " +
                "run a newer SocialWatch, or point Storage:DataDirectory at another database");
        }
    }

    private static async Task EnsureSchemaTableAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken ct)
    {
        const string Sql = """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at INTEGER NOT NULL
            );
            """;
        await connection.ExecuteAsync(new CommandDefinition(Sql, transaction: transaction, cancellationToken: ct));
    }

    private static async Task<Dictionary<int, DateTimeOffset>> ReadAppliedAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken ct)
    {
        const string Sql = """
            SELECT version, applied_at FROM schema_migrations ORDER BY version;
            """;
        var rows = await connection.QueryAsync<AppliedRow>(new CommandDefinition(Sql, transaction: transaction, cancellationToken: ct));
        return rows.ToDictionary(r => checked((int)r.Version), r => SqliteValues.FromUnixMs(r.AppliedAt));
    }

    private static List<Migration> LoadEmbeddedMigrations()
    {
        var assembly = typeof(SqliteDatabaseMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success)
            {
                continue;
            }
            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                ReadResource(assembly, resource)));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"SQLite migrations must be numbered 1, 2, 3… without gaps; found {migrations[i].Version} at position {i + 1}");
            }
        }
        return migrations;
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\.Migrations\.Sqlite\.(?<version>\d{4})_(?<name>\w+)\.sql$")]
    private static partial Regex ResourceName();
}
