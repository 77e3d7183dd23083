using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

/// <summary>Console users and the agencies each reviews (user_agencies).</summary>
public sealed class UserRepository(DbConnectionFactory connections) : IUserRepository
{
    private const string SelectUser = """
        SELECT id, user_name, display_name, email, role, password_hash, is_active, failed_sign_ins, locked_until, created_at FROM users
        """;

    private sealed class UserRow
    {
        public long Id { get; set; }
        public string UserName { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Email { get; set; } = "";
        public string Role { get; set; } = "";
        public string PasswordHash { get; set; } = "";
        public bool IsActive { get; set; }
        public long FailedSignIns { get; set; }
        public long? LockedUntil { get; set; }
        public long CreatedAt { get; set; }

        public User ToUser(IReadOnlyList<long> agencyIds) => new(Id, UserName, DisplayName, Email, DbCodes.ToRole(Role), PasswordHash, agencyIds,
            IsActive, checked((int)FailedSignIns), DbValues.FromUnixMs(LockedUntil), DbValues.FromUnixMs(CreatedAt));
    }

    private sealed class LinkRow
    {
        public long UserId { get; set; }
        public long AgencyId { get; set; }
    }

    public async Task<User> AddAsync(string userName, string displayName, string email, Role role, string passwordHash, IReadOnlyList<long> agencyIds, DateTimeOffset at, CancellationToken ct = default)
    {
        var name = (userName ?? "").Trim();
        if (name.Length == 0)
        {
            throw new DomainValidationException("a user needs a user name");
        }
        const string Insert = $"""
            INSERT INTO users (user_name, display_name, email, role, password_hash, created_at)
            VALUES (@UserName, @DisplayName, @Email, @Role, @PasswordHash, @At)
            ON CONFLICT DO NOTHING
            RETURNING id;
            """;
        const string AgencyExists = """
            SELECT EXISTS (SELECT 1 FROM agencies WHERE id = @AgencyId);
            """;
        const string Link = """
            INSERT INTO user_agencies (user_id, agency_id) VALUES (@UserId, @AgencyId) ON CONFLICT DO NOTHING;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(Insert, new
        {
            UserName = name,
            DisplayName = (displayName ?? "").Trim(),
            Email = (email ?? "").Trim(),
            Role = role.ToDb(),
            PasswordHash = passwordHash,
            At = DbValues.ToUnixMs(at),
        }, transaction, cancellationToken: ct)) ?? throw new DomainValidationException($"user name '{name}' is taken");
        foreach (var agencyId in agencyIds.Distinct())
        {
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(AgencyExists, new { AgencyId = agencyId }, transaction, cancellationToken: ct)))
            {
                throw new DomainValidationException($"unknown agency id {agencyId}");
            }
            await connection.ExecuteAsync(new CommandDefinition(Link, new { UserId = id, AgencyId = agencyId }, transaction, cancellationToken: ct));
        }
        await transaction.CommitAsync(ct);
        return (await GetAsync(id, ct))!;
    }

    public async Task<User?> FindByUserNameAsync(string userName, CancellationToken ct = default) =>
        (await LoadAsync($"{SelectUser} WHERE user_name = @UserName;", new { UserName = (userName ?? "").Trim() }, ct)).SingleOrDefault();

    public async Task<User?> GetAsync(long id, CancellationToken ct = default) =>
        (await LoadAsync($"{SelectUser} WHERE id = @Id;", new { Id = id }, ct)).SingleOrDefault();

    public async Task<IReadOnlyList<User>> ListAsync(Role? role = null, CancellationToken ct = default) =>
        await LoadAsync($"{SelectUser} WHERE @Role IS NULL OR role = @Role ORDER BY user_name;", new { Role = role?.ToDb() }, ct);

    /// <summary>Reads users with their agency links (two queries, whatever the number of users).</summary>
    private async Task<List<User>> LoadAsync(string sql, object parameters, CancellationToken ct)
    {
        var linksSql = $"""
            SELECT user_id, agency_id FROM user_agencies WHERE {connections.Dialect.InList("user_id", "UserIds")} ORDER BY agency_id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var users = (await connection.QueryAsync<UserRow>(new CommandDefinition(sql, parameters, cancellationToken: ct))).ToList();
        if (users.Count == 0)
        {
            return [];
        }
        var links = (await connection.QueryAsync<LinkRow>(new CommandDefinition(linksSql, new { UserIds = users.Select(u => u.Id).ToArray() }, cancellationToken: ct)))
            .ToLookup(l => l.UserId, l => l.AgencyId);
        return users.Select(u => u.ToUser(links[u.Id].ToList())).ToList();
    }

    public async Task RecordSignInAsync(long userId, bool succeeded, DateTimeOffset? lockedUntil, CancellationToken ct = default)
    {
        // A success clears the failure streak and any lock; a failure counts and applies the lock the caller chose.
        const string Sql = """
            UPDATE users
            SET failed_sign_ins = CASE WHEN @Succeeded THEN 0 ELSE failed_sign_ins + 1 END,
                locked_until = CASE WHEN @Succeeded THEN NULL ELSE @LockedUntil END
            WHERE id = @Id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Sql,
            new { Id = userId, Succeeded = succeeded, LockedUntil = DbValues.ToUnixMs(lockedUntil) }, cancellationToken: ct));
    }

    public async Task SetActiveAsync(long userId, bool isActive, CancellationToken ct = default)
    {
        const string Sql = """
            UPDATE users SET is_active = @IsActive WHERE id = @Id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = userId, IsActive = isActive }, cancellationToken: ct));
        if (changed == 0)
        {
            throw new DomainValidationException($"no user with id {userId}");
        }
    }
}
