using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using Dapper;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Engine.Transactions;
using DbUp.Postgresql;
using DbUp.Sqlite;
using DbUp.Sqlite.Helpers;
using Npgsql;
using SocialWatch.Storage.Postgres;
using SocialWatch.Storage.Sqlite;

namespace SocialWatch.Storage;

/// <summary>
/// Applies the numbered scripts embedded from Migrations/Sqlite or Migrations/Postgres (NNNN_name.sql) through DbUp,
/// all pending ones in one transaction, and records each in schema_migrations (version, name, applied_at), the table
/// SocialWatch has always kept, so databases migrated before DbUp upgrade in place. Two processes starting together
/// apply each script once: on SQLite the transaction is IMMEDIATE (the second waits for the first), on PostgreSQL
/// it holds an advisory lock while it reads the journal and runs the scripts.
/// </summary>
public sealed partial class DatabaseMigrator(DbConnectionFactory connections, TimeProvider time) : IDatabaseMigrator
{
    private static readonly Lazy<IReadOnlyList<KnownScript>> SqliteScripts = new(() => LoadEmbeddedScripts("Sqlite"));
    private static readonly Lazy<IReadOnlyList<KnownScript>> PostgresScripts = new(() => LoadEmbeddedScripts("Postgres"));

    /// <summary>One embedded script: its DbUp name (the resource name) and the version and name it is journalled as.</summary>
    private sealed record KnownScript(string ResourceName, int Version, string Name);

    private sealed class AppliedRow
    {
        public long Version { get; set; }
        public long AppliedAt { get; set; }
    }

    private bool IsPostgres => connections.Dialect == SqlDialect.Postgres;

    private IReadOnlyList<KnownScript> Known => (IsPostgres ? PostgresScripts : SqliteScripts).Value;

    private int LatestVersion => Known.Count == 0 ? 0 : Known[^1].Version;

    public async Task<IReadOnlyList<MigrationState>> MigrateAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (IsPostgres)
        {
            await ThrowIfUnreachableAsync(ct);
            var manager = new PostgresqlConnectionManager(((PostgresConnectionFactory)connections).DataSource);
            return await Task.Run(() => Upgrade(PostgresqlExtensions.PostgresqlDatabase(manager)), ct);
        }

        await using var connection = await ((SqliteConnectionFactory)connections).OpenSqliteAsync(ct);
        // WAL is a property of the file and cannot change inside a transaction.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: ct));
        // Microsoft.Data.Sqlite begins DbUp's transaction IMMEDIATE: the write lock is taken (waiting out the busy
        // timeout) before the journal is read, so a second migrator sees what the first applied.
        return await Task.Run(() => Upgrade(DeployChanges.To.SqliteDatabase(new SharedConnection(connection))), ct);
    }

    private List<MigrationState> Upgrade(UpgradeEngineBuilder builder)
    {
        var prefix = ResourcePrefix(IsPostgres ? "Postgres" : "Sqlite");
        var at = time.GetUtcNow();
        var engine = builder
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.Contains(prefix, StringComparison.Ordinal))
            .WithTransaction()
            .WithVariablesDisabled()
            .LogToNowhere()
            .JournalTo((connectionManager, _) => new Journal(this, at, connectionManager))
            .Build();

        var result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            ExceptionDispatchInfo.Throw(result.Error);
        }
        return result.Scripts
            .Select(s => Known.Single(k => k.ResourceName == s.Name))
            .Select(k => new MigrationState(k.Version, k.Name, at))
            .ToList();
    }

    public async Task<DatabaseStatus> GetStatusAsync(CancellationToken ct = default)
    {
        await ThrowIfUnreachableAsync(ct);
        await using var connection = await connections.OpenAsync(ct);
        var hasTable = await connection.ExecuteScalarAsync<long>(new CommandDefinition(TableExistsSql, cancellationToken: ct)) > 0;
        var applied = hasTable ? ReadApplied(connection, null) : [];
        ThrowIfNewerThanCode(applied);
        var states = Known
            .Select(m => new MigrationState(m.Version, m.Name, applied.TryGetValue(m.Version, out var at) ? at : null))
            .ToList();
        return new DatabaseStatus(connections.Location, applied.Count == 0 ? 0 : applied.Keys.Max(), LatestVersion, states);
    }

    /// <summary>
    /// Opens one connection first, so a wrong connection string or a server that is down is one line naming the
    /// setting (password masked) rather than an exception from inside DbUp.
    /// </summary>
    private async Task ThrowIfUnreachableAsync(CancellationToken ct)
    {
        if (!IsPostgres)
        {
            return;
        }
        try
        {
            await using var probe = await connections.OpenAsync(ct);
        }
        catch (Exception e) when (e is DbException or TimeoutException && !ct.IsCancellationRequested)
        {
            var reason = e is PostgresException pg ? pg.MessageText : e.Message.Split('\n')[0].TrimEnd();
            throw new DatabaseUnavailableException(
                $"cannot connect to the database of Storage:ConnectionString '{((PostgresConnectionFactory)connections).MaskedConnectionString}': {reason}", e);
        }
    }

    private string TableExistsSql => IsPostgres
        ? "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations';"
        : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations';";

    private void ThrowIfNewerThanCode(Dictionary<int, DateTimeOffset> applied)
    {
        var newest = applied.Count == 0 ? 0 : applied.Keys.Max();
        if (newest > LatestVersion)
        {
            var where = IsPostgres ? "Storage:ConnectionString" : "Storage:DataDirectory";
            throw new DatabaseSchemaException(
                $"the database {connections.Location} has schema version {newest}, but this build of SocialWatch knows versions up to {LatestVersion}: " +
                $"run a newer SocialWatch, or point {where} at another database");
        }
    }

    private static Dictionary<int, DateTimeOffset> ReadApplied(IDbConnection connection, IDbTransaction? transaction)
    {
        const string Sql = """
            SELECT version, applied_at FROM schema_migrations ORDER BY version;
            """;
        return connection.Query<AppliedRow>(Sql, transaction: transaction)
            .ToDictionary(r => checked((int)r.Version), r => DbValues.FromUnixMs(r.AppliedAt));
    }

    /// <summary>
    /// DbUp's journal over schema_migrations. DbUp calls <see cref="GetExecutedScripts"/> inside its transaction,
    /// before running anything: that is where the PostgreSQL lock is taken and a too-new database is refused.
    /// </summary>
    private sealed class Journal(DatabaseMigrator migrator, DateTimeOffset at, Func<IConnectionManager> connections) : IJournal
    {
        public string[] GetExecutedScripts() => connections().ExecuteCommandsWithManagedConnection(commands =>
        {
            using var probe = commands();
            if (migrator.IsPostgres)
            {
                // Held until the transaction ends; the key is arbitrary but fixed ("SocW" in ASCII).
                Run(commands, "SELECT pg_advisory_xact_lock(1399812951);");
            }
            EnsureTableExistsAndIsLatestVersion(commands);
            var applied = ReadApplied(probe.Connection!, probe.Transaction);
            migrator.ThrowIfNewerThanCode(applied);
            return migrator.Known.Where(k => applied.ContainsKey(k.Version)).Select(k => k.ResourceName).ToArray();
        });

        public void StoreExecutedScript(SqlScript script, Func<IDbCommand> dbCommandFactory)
        {
            var known = migrator.Known.Single(k => k.ResourceName == script.Name);
            using var command = dbCommandFactory();
            command.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @applied_at);";
            AddParameter(command, "version", known.Version);
            AddParameter(command, "name", known.Name);
            AddParameter(command, "applied_at", DbValues.ToUnixMs(at));
            command.ExecuteNonQuery();
        }

        public void EnsureTableExistsAndIsLatestVersion(Func<IDbCommand> dbCommandFactory) => Run(dbCommandFactory, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at BIGINT NOT NULL
            );
            """);

        private static void Run(Func<IDbCommand> commands, string sql)
        {
            using var command = commands();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private static void AddParameter(IDbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    private static string ResourcePrefix(string engine) => $".Migrations.{engine}.";

    private static List<KnownScript> LoadEmbeddedScripts(string engine)
    {
        var prefix = ResourcePrefix(engine);
        var scripts = new List<KnownScript>();
        foreach (var resource in typeof(DatabaseMigrator).Assembly.GetManifestResourceNames().Where(r => r.Contains(prefix, StringComparison.Ordinal)))
        {
            var match = ScriptName().Match(resource[(resource.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..]);
            if (!match.Success)
            {
                throw new InvalidOperationException($"migration resource '{resource}' is not named NNNN_name.sql");
            }
            scripts.Add(new KnownScript(resource, int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value));
        }
        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        // Numbers are handed out in ranges to parallel lines of work (console 0007-0009, contests 0010-0011, ...), so a
        // build may skip an unused number; what must never happen is one number used twice.
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"{engine} migrations must each have their own number; {scripts[i].Version} is used by '{scripts[i - 1].Name}' and '{scripts[i].Name}'");
            }
        }
        return scripts;
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>\w+)\.sql$")]
    private static partial Regex ScriptName();
}
