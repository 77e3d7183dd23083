using System.Data;
using Dapper;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

public sealed class JobStateStore(DbConnectionFactory connections) : IJobStateStore
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
        await using var connection = await connections.OpenAsync(ct);
        await SetAsync(connection, null, new JobStateValue(key, value), at, ct);
    }

    /// <summary>Writes one value on the caller's connection, inside its transaction when one is given.</summary>
    internal static Task SetAsync(IDbConnection connection, IDbTransaction? transaction, JobStateValue state, DateTimeOffset at, CancellationToken ct)
    {
        const string Sql = """
            INSERT INTO job_state (key, value, updated_at) VALUES (@Key, @Value, @At)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
            """;
        return connection.ExecuteAsync(new CommandDefinition(Sql, new { state.Key, state.Value, At = DbValues.ToUnixMs(at) }, transaction, cancellationToken: ct));
    }
}
