using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

/// <summary>API tokens (api_tokens): rows hold the token's SHA-256, never the token.</summary>
public sealed class ApiTokenRepository(DbConnectionFactory connections) : IApiTokenRepository
{
    /// <summary>Longest token name we keep; a name is a reminder, not a document.</summary>
    public const int MaxNameLength = 100;

    private const string SelectToken = """
        SELECT id, user_id, name, created_by, created_at, expires_at, revoked_at, last_used_at FROM api_tokens
        """;

    private sealed class TokenRow
    {
        public long Id { get; set; }
        public long UserId { get; set; }
        public string Name { get; set; } = "";
        public string CreatedBy { get; set; } = "";
        public long CreatedAt { get; set; }
        public long? ExpiresAt { get; set; }
        public long? RevokedAt { get; set; }
        public long? LastUsedAt { get; set; }

        public ApiToken ToToken() => new(Id, UserId, Name, CreatedBy, DbValues.FromUnixMs(CreatedAt), DbValues.FromUnixMs(ExpiresAt),
            DbValues.FromUnixMs(RevokedAt), DbValues.FromUnixMs(LastUsedAt));
    }

    public async Task<ApiToken> AddAsync(long userId, string name, string tokenHash, string createdBy, DateTimeOffset at, DateTimeOffset? expiresAt, CancellationToken ct = default)
    {
        var cleanName = (name ?? "").Trim();
        if (cleanName.Length == 0)
        {
            throw new DomainValidationException("a token needs a name, to tell it apart when revoking");
        }
        if (cleanName.Length > MaxNameLength)
        {
            throw new DomainValidationException($"a token name has at most {MaxNameLength} characters");
        }
        if (expiresAt is { } expires && expires <= at)
        {
            throw new DomainValidationException("a token must expire in the future");
        }
        const string Insert = $"""
            INSERT INTO api_tokens (user_id, name, token_hash, created_by, created_at, expires_at)
            SELECT @UserId, @Name, @TokenHash, @CreatedBy, @At, @ExpiresAt WHERE EXISTS (SELECT 1 FROM users WHERE id = @UserId)
            RETURNING id, user_id, name, created_by, created_at, expires_at, revoked_at, last_used_at;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(Insert, new
        {
            UserId = userId,
            Name = cleanName,
            TokenHash = tokenHash,
            CreatedBy = createdBy,
            At = DbValues.ToUnixMs(at),
            ExpiresAt = DbValues.ToUnixMs(expiresAt),
        }, cancellationToken: ct)) ?? throw new DomainValidationException($"no user with id {userId}");
        return row.ToToken();
    }

    public async Task<ApiToken?> FindByHashAsync(string tokenHash, CancellationToken ct = default)
    {
        const string Sql = $"{SelectToken} WHERE token_hash = @TokenHash;";
        await using var connection = await connections.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(Sql, new { TokenHash = tokenHash }, cancellationToken: ct)))?.ToToken();
    }

    public async Task<ApiToken?> GetAsync(long id, CancellationToken ct = default)
    {
        const string Sql = $"{SelectToken} WHERE id = @Id;";
        await using var connection = await connections.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(Sql, new { Id = id }, cancellationToken: ct)))?.ToToken();
    }

    public async Task<IReadOnlyList<ApiToken>> ListByUserAsync(long userId, CancellationToken ct = default)
    {
        const string Sql = $"{SelectToken} WHERE user_id = @UserId ORDER BY id DESC;";
        await using var connection = await connections.OpenAsync(ct);
        return [.. (await connection.QueryAsync<TokenRow>(new CommandDefinition(Sql, new { UserId = userId }, cancellationToken: ct))).Select(r => r.ToToken())];
    }

    public async Task<bool> RevokeAsync(long id, DateTimeOffset at, CancellationToken ct = default)
    {
        const string Sql = """
            UPDATE api_tokens SET revoked_at = @At WHERE id = @Id AND revoked_at IS NULL;
            """;
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = id, At = DbValues.ToUnixMs(at) }, cancellationToken: ct)) > 0;
    }

    public async Task TouchAsync(long id, DateTimeOffset at, CancellationToken ct = default)
    {
        const string Sql = """
            UPDATE api_tokens SET last_used_at = @At WHERE id = @Id AND (last_used_at IS NULL OR last_used_at < @Stale);
            """;
        var now = DbValues.ToUnixMs(at);
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = id, At = now, Stale = now - 60_000 }, cancellationToken: ct));
    }
}
