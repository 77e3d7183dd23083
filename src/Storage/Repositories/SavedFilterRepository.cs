using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

/// <summary>Named queue filters, each query scoped to its user so one user's ids never reach another's filters.</summary>
public sealed class SavedFilterRepository(DbConnectionFactory connections) : ISavedFilterRepository
{
    private sealed class FilterRow
    {
        public long Id { get; set; }
        public long UserId { get; set; }
        public string Name { get; set; } = "";
        public string Query { get; set; } = "";
        public long CreatedAt { get; set; }

        public SavedFilter ToFilter() => new(Id, UserId, Name, Query, DbValues.FromUnixMs(CreatedAt));
    }

    public async Task<IReadOnlyList<SavedFilter>> ListAsync(long userId, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT id, user_id, name, query, created_at FROM saved_filters WHERE user_id = @UserId ORDER BY name, id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<FilterRow>(new CommandDefinition(Sql, new { UserId = userId }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToFilter())];
    }

    public async Task<SavedFilter> SaveAsync(long userId, string name, string query, DateTimeOffset at, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainValidationException("a saved filter needs a name");
        }
        const string Sql = """
            INSERT INTO saved_filters (user_id, name, query, created_at) VALUES (@UserId, @Name, @Query, @At)
            ON CONFLICT (user_id, name) DO UPDATE SET query = excluded.query, created_at = excluded.created_at
            RETURNING id, user_id, name, query, created_at;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleAsync<FilterRow>(new CommandDefinition(Sql,
            new { UserId = userId, Name = name.Trim(), Query = query, At = DbValues.ToUnixMs(at) }, cancellationToken: ct));
        return row.ToFilter();
    }

    public async Task<bool> DeleteAsync(long userId, long filterId, CancellationToken ct = default)
    {
        const string Sql = """
            DELETE FROM saved_filters WHERE id = @Id AND user_id = @UserId;
            """;
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = filterId, UserId = userId }, cancellationToken: ct)) == 1;
    }
}
