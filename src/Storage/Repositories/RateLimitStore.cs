using Dapper;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

/// <summary>
/// Pauses kept in <c>job_state</c> under <c>rate-limit:{platform}:{host}</c>, the value the pause's end in Unix
/// milliseconds: one primary-key read per request, and no table of its own for one number per host.
/// </summary>
public sealed class RateLimitStore(DbConnectionFactory connections, TimeProvider time) : IRateLimitStore
{
    public async Task<DateTimeOffset?> PausedUntilAsync(string platform, string host, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT value FROM job_state WHERE key = @Key;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var value = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(Sql, new { Key = Key(platform, host) }, cancellationToken: ct));
        return value is null ? null : DbValues.FromUnixMs(long.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task PauseAsync(string platform, string host, DateTimeOffset until, CancellationToken ct = default)
    {
        // Two nodes told to wait at once keep the longer wait.
        const string Sql = """
            INSERT INTO job_state (key, value, updated_at) VALUES (@Key, @Until, @At)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            WHERE CAST(job_state.value AS BIGINT) < CAST(excluded.value AS BIGINT);
            """;
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            Key = Key(platform, host),
            Until = DbValues.ToUnixMs(until).ToString(System.Globalization.CultureInfo.InvariantCulture),
            At = DbValues.ToUnixMs(time.GetUtcNow()),
        }, cancellationToken: ct));
    }

    private static string Key(string platform, string host) => $"rate-limit:{platform}:{host}";
}
