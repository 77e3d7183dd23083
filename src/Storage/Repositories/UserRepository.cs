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
        await LinkAgenciesAsync(connection, transaction, id, agencyIds, ct);
        await transaction.CommitAsync(ct);
        return (await GetAsync(id, ct))!;
    }

    private static async Task LinkAgenciesAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, long userId, IReadOnlyList<long> agencyIds, CancellationToken ct)
    {
        const string AgencyExists = """
            SELECT EXISTS (SELECT 1 FROM agencies WHERE id = @AgencyId);
            """;
        const string Link = """
            INSERT INTO user_agencies (user_id, agency_id) VALUES (@UserId, @AgencyId) ON CONFLICT DO NOTHING;
            """;
        foreach (var agencyId in agencyIds.Distinct())
        {
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(AgencyExists, new { AgencyId = agencyId }, transaction, cancellationToken: ct)))
            {
                throw new DomainValidationException($"unknown agency id {agencyId}");
            }
            await connection.ExecuteAsync(new CommandDefinition(Link, new { UserId = userId, AgencyId = agencyId }, transaction, cancellationToken: ct));
        }
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

    private sealed class FailureRow
    {
        public long FailedSignIns { get; set; }
        public long? LockedUntil { get; set; }
    }

    public async Task<(int Failures, DateTimeOffset? LockedUntil)> RecordFailedSignInAsync(long userId, int maxFailures, DateTimeOffset lockUntil, CancellationToken ct = default)
    {
        // The count and the lock are decided inside the UPDATE (SET reads the row as it is when locked), never from
        // a copy read earlier: two nodes failing at once both count, and neither can lift a lock the other set.
        const string Sql = """
            UPDATE users
            SET failed_sign_ins = failed_sign_ins + 1,
                locked_until = CASE WHEN failed_sign_ins + 1 >= @Max THEN @LockUntil ELSE locked_until END
            WHERE id = @Id
            RETURNING failed_sign_ins, locked_until;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<FailureRow>(new CommandDefinition(Sql,
            new { Id = userId, Max = maxFailures, LockUntil = DbValues.ToUnixMs(lockUntil) }, cancellationToken: ct))
            ?? throw new DomainValidationException($"no user with id {userId}");
        return (checked((int)row.FailedSignIns), DbValues.FromUnixMs(row.LockedUntil));
    }

    public async Task<bool> RecordSignInSucceededAsync(long userId, DateTimeOffset now, CancellationToken ct = default)
    {
        const string Sql = """
            UPDATE users SET failed_sign_ins = 0, locked_until = NULL
            WHERE id = @Id AND (locked_until IS NULL OR locked_until <= @Now);
            """;
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = userId, Now = DbValues.ToUnixMs(now) }, cancellationToken: ct)) > 0;
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

    public async Task SetPasswordAsync(long userId, string passwordHash, CancellationToken ct = default)
    {
        const string Sql = """
            UPDATE users SET password_hash = @PasswordHash, failed_sign_ins = 0, locked_until = NULL WHERE id = @Id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        if (await connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = userId, PasswordHash = passwordHash }, cancellationToken: ct)) == 0)
        {
            throw new DomainValidationException($"no user with id {userId}");
        }
    }

    public async Task SetAgenciesAsync(long userId, IReadOnlyList<long> agencyIds, CancellationToken ct = default)
    {
        const string Exists = """
            SELECT EXISTS (SELECT 1 FROM users WHERE id = @Id);
            """;
        const string Unlink = """
            DELETE FROM user_agencies WHERE user_id = @Id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Exists, new { Id = userId }, transaction, cancellationToken: ct)))
        {
            throw new DomainValidationException($"no user with id {userId}");
        }
        await connection.ExecuteAsync(new CommandDefinition(Unlink, new { Id = userId }, transaction, cancellationToken: ct));
        await LinkAgenciesAsync(connection, transaction, userId, agencyIds, ct);
        await transaction.CommitAsync(ct);
    }
}
