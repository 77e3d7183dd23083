using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SocialWatch.Storage.Sqlite;

/// <summary>
/// Opens connections to the one SQLite database file, each set up the same way: foreign keys enforced, a busy
/// timeout so concurrent writers wait instead of failing, and synchronous=NORMAL (safe with WAL, which the
/// migrator switches on once for the file).
/// </summary>
public sealed class SqliteConnectionFactory : DbConnectionFactory
{
    private readonly string connectionString;
    private readonly string setupSql;
    private volatile bool directoryReady;

    public SqliteConnectionFactory(IOptions<StorageOptions> options)
    {
        var settings = options.Value;
        DatabasePath = settings.DatabasePath;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
        }.ToString();
        setupSql = $"""
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = {settings.BusyTimeoutMilliseconds};
            PRAGMA synchronous = NORMAL;
            """;
    }

    public string DatabasePath { get; }

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    public override string Location => DatabasePath;

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await OpenSqliteAsync(ct);

    public async Task<SqliteConnection> OpenSqliteAsync(CancellationToken ct)
    {
        if (!directoryReady)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            directoryReady = true;
        }
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var setup = connection.CreateCommand();
            setup.CommandText = setupSql;
            await setup.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
