using System.Data.Common;
using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Registry;

namespace SocialWatch.Storage.Repositories;

public sealed class AccountRepository(DbConnectionFactory connections) : IAccountRepository
{
    private const string Columns = "id, platform, handle, platform_account_id, staff_id, status, cursor, last_polled_at, consecutive_failures, last_error, last_error_template, last_error_arguments";

    private sealed class AccountRow
    {
        public long Id { get; set; }
        public string Platform { get; set; } = "";
        public string Handle { get; set; } = "";
        public string? PlatformAccountId { get; set; }
        public long StaffId { get; set; }
        public string Status { get; set; } = "";
        public string? Cursor { get; set; }
        public long? LastPolledAt { get; set; }
        public long ConsecutiveFailures { get; set; }
        public string? LastError { get; set; }
        public string? LastErrorTemplate { get; set; }
        public string? LastErrorArguments { get; set; }
        public long? LeaseToken { get; set; }

        public WatchedAccount ToAccount() => new(Id, DbCodes.ToPlatform(Platform), Handle, PlatformAccountId, StaffId,
            DbCodes.ToAccountStatus(Status), Cursor, DbValues.FromUnixMs(LastPolledAt), checked((int)ConsecutiveFailures), ReadError());

        /// <summary>The error as its template when recorded with one; older rows have only the English text.</summary>
        private LocalizableMessage? ReadError() => LastErrorTemplate is not null && LastErrorArguments is not null
            ? StoredMessages.Read(LastErrorTemplate, LastErrorArguments)
            : LastError is null ? null : (LocalizableMessage)LastError;
    }

    public async Task<WatchedAccount> AddAsync(NewAccount account, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var added = await InsertAsync(connection, transaction, account, ct);
        await transaction.CommitAsync(ct);
        return added;
    }

    public async Task<int> AddRangeAsync(IReadOnlyList<NewAccount> accounts, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var account in accounts)
        {
            await InsertAsync(connection, transaction, account, ct);
        }
        await transaction.CommitAsync(ct);
        return accounts.Count;
    }

    private static async Task<WatchedAccount> InsertAsync(DbConnection connection, DbTransaction transaction, NewAccount account, CancellationToken ct)
    {
        var handle = AccountHandles.Normalize(account.Handle);
        if (handle.Length == 0)
        {
            throw new DomainValidationException("an account needs a handle");
        }
        const string FindStaff = """
            SELECT id FROM staff WHERE nip = @Nip;
            """;
        const string Insert = $"""
            INSERT INTO accounts (platform, handle, platform_account_id, staff_id) VALUES (@Platform, @Handle, @PlatformAccountId, @StaffId)
            ON CONFLICT DO NOTHING
            RETURNING {Columns};
            """;
        var staffId = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(FindStaff, new { Nip = account.StaffNip.Value }, transaction, cancellationToken: ct))
            ?? throw new DomainValidationException($"no staff member with NIP {account.StaffNip} is registered");
        var platformAccountId = string.IsNullOrWhiteSpace(account.PlatformAccountId) ? null : account.PlatformAccountId.Trim();
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(Insert,
            new { Platform = account.Platform.ToCode(), Handle = handle, PlatformAccountId = platformAccountId, StaffId = staffId }, transaction, cancellationToken: ct))
            ?? throw new DomainValidationException($"{account.Platform.ToCode()} account '{handle}' is already registered");
        return row.ToAccount();
    }

    public async Task<WatchedAccount?> GetAsync(long id, CancellationToken ct = default)
    {
        const string Sql = $"""
            SELECT {Columns} FROM accounts WHERE id = @Id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(Sql, new { Id = id }, cancellationToken: ct));
        return row?.ToAccount();
    }

    public async Task<string?> GetRegionCodeAsync(long accountId, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT g.region_code FROM accounts a
            JOIN staff s ON s.id = a.staff_id
            JOIN agencies g ON g.id = s.agency_id
            WHERE a.id = @Id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(Sql, new { Id = accountId }, cancellationToken: ct));
    }

    public async Task<WatchedAccount?> FindAsync(Platform platform, string handle, CancellationToken ct = default)
    {
        const string Sql = $"""
            SELECT {Columns} FROM accounts WHERE platform = @Platform AND handle = @Handle;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(Sql,
            new { Platform = platform.ToCode(), Handle = AccountHandles.Normalize(handle) }, cancellationToken: ct));
        return row?.ToAccount();
    }

    public async Task<IReadOnlyList<WatchedAccount>> ListAsync(Platform? platform = null, AccountStatus? status = null, CancellationToken ct = default)
    {
        const string Sql = $"""
            SELECT {Columns} FROM accounts
            WHERE (@Platform IS NULL OR platform = @Platform) AND (@Status IS NULL OR status = @Status)
            ORDER BY platform, handle;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(Sql,
            new { Platform = platform?.ToCode(), Status = status?.ToDb() }, cancellationToken: ct));
        return rows.Select(r => r.ToAccount()).ToList();
    }

    public async Task<IReadOnlyList<WatchedAccount>> ListByStaffAsync(long staffId, CancellationToken ct = default)
    {
        const string Sql = $"""
            SELECT {Columns} FROM accounts WHERE staff_id = @StaffId ORDER BY platform, handle;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(Sql, new { StaffId = staffId }, cancellationToken: ct));
        return rows.Select(r => r.ToAccount()).ToList();
    }

    public async Task<IReadOnlyList<WatchedAccount>> ListDueAsync(Platform platform, DateTimeOffset polledBefore, int limit, CancellationToken ct = default)
    {
        // Never-polled accounts first, then the longest-waiting.
        const string Sql = $"""
            SELECT {Columns} FROM accounts
            WHERE platform = @Platform AND status = 'active' AND (last_polled_at IS NULL OR last_polled_at < @Before)
            ORDER BY last_polled_at IS NOT NULL, last_polled_at, id
            LIMIT @Limit;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(Sql,
            new { Platform = platform.ToCode(), Before = DbValues.ToUnixMs(polledBefore), Limit = limit }, cancellationToken: ct));
        return rows.Select(r => r.ToAccount()).ToList();
    }

    public async Task<IReadOnlyList<WatchedAccount>> ClaimDueAsync(Platform platform, DateTimeOffset polledBefore, int limit, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        // One statement: pick the due, unleased accounts in due order and lease them. On PostgreSQL SKIP LOCKED lets
        // two nodes claim at once without waiting for each other or picking the same rows; on SQLite the write
        // transaction already runs alone.
        var sql = $"""
            UPDATE accounts
            SET lease_owner = @Owner, lease_expires_at = @Until, lease_token = lease_token + 1
            WHERE id IN (
                SELECT id FROM accounts
                WHERE platform = @Platform AND status = 'active' AND (last_polled_at IS NULL OR last_polled_at < @Before)
                  AND (lease_expires_at IS NULL OR lease_expires_at <= @Now)
                ORDER BY last_polled_at IS NOT NULL, last_polled_at, id
                LIMIT @Limit
                {connections.Dialect.ForUpdateSkipLocked})
            RETURNING {Columns}, lease_token;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(sql, new
        {
            Platform = platform.ToCode(),
            Before = DbValues.ToUnixMs(polledBefore),
            Now = DbValues.ToUnixMs(now),
            Until = DbValues.ToUnixMs(leaseUntil),
            Owner = owner,
            Limit = limit,
        }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return rows
            .OrderBy(r => r.LastPolledAt is not null).ThenBy(r => r.LastPolledAt).ThenBy(r => r.Id)
            .Select(r => r.ToAccount() with { LeaseToken = r.LeaseToken })
            .ToList();
    }

    public async Task SetStatusAsync(long accountId, AccountStatus status, string? reason, CancellationToken ct = default)
    {
        // Re-activating an account gives it a fresh start: its failure streak no longer applies.
        const string Sql = """
            UPDATE accounts
            SET status = @Status,
                status_reason = @Reason,
                consecutive_failures = CASE WHEN @Status = 'active' THEN 0 ELSE consecutive_failures END
            WHERE id = @Id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = accountId, Status = status.ToDb(), Reason = reason }, cancellationToken: ct));
        if (changed == 0)
        {
            throw new DomainValidationException($"no account with id {accountId}");
        }
    }

    public async Task<bool> RecordPollSuccessAsync(long accountId, string? newCursor, string? platformAccountId, DateTimeOffset at, long? leaseToken = null, CancellationToken ct = default)
    {
        const string Sql = """
            UPDATE accounts
            SET cursor = coalesce(@Cursor, cursor),
                platform_account_id = coalesce(@PlatformAccountId, platform_account_id),
                last_polled_at = @At,
                consecutive_failures = 0,
                last_error = NULL,
                last_error_template = NULL,
                last_error_arguments = NULL,
                lease_owner = NULL,
                lease_expires_at = NULL
            WHERE id = @Id AND (@Token IS NULL OR lease_token = @Token);
            """;
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(Sql,
            new { Id = accountId, Cursor = newCursor, PlatformAccountId = platformAccountId, At = DbValues.ToUnixMs(at), Token = leaseToken }, cancellationToken: ct)) > 0;
    }

    public async Task<bool> RecordPollFailureAsync(long accountId, LocalizableMessage error, bool permanent, DateTimeOffset at, long? leaseToken = null, CancellationToken ct = default)
    {
        const string Sql = """
            UPDATE accounts
            SET consecutive_failures = consecutive_failures + 1,
                last_error = @Error,
                last_error_template = @Template,
                last_error_arguments = @Arguments,
                last_polled_at = @At,
                status = CASE WHEN @Permanent THEN 'needs_attention' ELSE status END,
                status_reason = CASE WHEN @Permanent THEN @Error ELSE status_reason END,
                lease_owner = NULL,
                lease_expires_at = NULL
            WHERE id = @Id AND (@Token IS NULL OR lease_token = @Token);
            """;
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(Sql,
            new { Id = accountId, Error = error.ToString(), error.Template, Arguments = StoredMessages.ArgumentsJson(error), Permanent = permanent, At = DbValues.ToUnixMs(at), Token = leaseToken }, cancellationToken: ct)) > 0;
    }
}
