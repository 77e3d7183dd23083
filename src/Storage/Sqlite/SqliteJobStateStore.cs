using Dapper;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Sqlite;

public sealed class SqliteJobStateStore(SqliteConnectionFactory connections) : IJobStateStore
{
    public async Task<string?> GetAsync(string key, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT value FROM job_state WHERE key = @Key;
            """;
        await using var connection = await connections.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(Sql, new { Key = key }, cancellationToken: ct));
    }

    public async Task SetAsync(string key, string value, DateTimeOffset at, CancellationToken ct = default)
    {
        const string Sql = """
            INSERT INTO job_state (key, value, updated_at) VALUES (@Key, @Value, @At)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { Key = key, Value = value, At = SqliteValues.ToUnixMs(at) }, cancellationToken: ct));
    }
}
