using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Ports;

/// <summary>Agencies (instansi). Codes are unique, compared case-insensitively.</summary>
public interface IAgencyRepository
{
    /// <param name="regionCode">The BPS/Kemendagri code of the region it serves ("32.73"), or null when unknown.</param>
    /// <exception cref="DomainValidationException">The code is taken or empty, or the region code is malformed.</exception>
    Task<Agency> AddAsync(string code, string name, string? regionCode = null, CancellationToken ct = default);

    /// <summary>Sets or (with null) clears the region an agency serves.</summary>
    /// <exception cref="DomainValidationException">No such agency, or the region code is malformed.</exception>
    Task<Agency> SetRegionAsync(string code, string? regionCode, CancellationToken ct = default);
    Task<Agency?> FindByCodeAsync(string code, CancellationToken ct = default);
    Task<Agency?> GetAsync(long id, CancellationToken ct = default);
    Task<IReadOnlyList<Agency>> ListAsync(CancellationToken ct = default);
}

public interface IStaffRepository
{
    /// <exception cref="DomainValidationException">Duplicate NIP or unknown agency code.</exception>
    Task<StaffMember> AddAsync(NewStaffMember staff, CancellationToken ct = default);
    Task<StaffMember?> FindByNipAsync(Nip nip, CancellationToken ct = default);
    Task<StaffMember?> GetAsync(long id, CancellationToken ct = default);
    Task<IReadOnlyList<StaffMember>> ListAsync(long? agencyId = null, CancellationToken ct = default);
}

/// <summary>One row of a CSV import that could not be taken, with its 1-based line number in the file.</summary>
public sealed record ImportRowError(int Line, LocalizableMessage Reason);

public sealed record ImportReport(int RowsRead, int Imported, IReadOnlyList<ImportRowError> Errors);

public interface IAccountRepository
{
    /// <exception cref="DomainValidationException">Unknown staff NIP, or the platform + handle is already registered.</exception>
    Task<WatchedAccount> AddAsync(NewAccount account, CancellationToken ct = default);

    /// <summary>Adds all accounts in one transaction: all are stored or, on any failure, none.</summary>
    /// <exception cref="DomainValidationException">Any row breaks a rule; nothing is written.</exception>
    Task<int> AddRangeAsync(IReadOnlyList<NewAccount> accounts, CancellationToken ct = default);

    Task<WatchedAccount?> GetAsync(long id, CancellationToken ct = default);
    Task<WatchedAccount?> FindAsync(Platform platform, string handle, CancellationToken ct = default);

    /// <summary>The region code of the agency the account's staff member works for; null when it has none.</summary>
    Task<string?> GetRegionCodeAsync(long accountId, CancellationToken ct = default);
    Task<IReadOnlyList<WatchedAccount>> ListAsync(Platform? platform = null, AccountStatus? status = null, CancellationToken ct = default);

    /// <summary>Every account of one staff member, on every platform and in any status.</summary>
    Task<IReadOnlyList<WatchedAccount>> ListByStaffAsync(long staffId, CancellationToken ct = default);

    /// <summary>Active accounts of a platform not polled since <paramref name="polledBefore"/>, least recently polled first.</summary>
    Task<IReadOnlyList<WatchedAccount>> ListDueAsync(Platform platform, DateTimeOffset polledBefore, int limit, CancellationToken ct = default);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due accounts of a platform (as <see cref="ListDueAsync"/>) that no other
    /// node holds an unexpired lease on, leases them to <paramref name="owner"/> until <paramref name="leaseUntil"/>
    /// and returns them with a new <see cref="WatchedAccount.LeaseToken"/> each. Nodes claiming at the same time get
    /// disjoint accounts (on PostgreSQL rows another node is claiming are skipped, not waited for).
    /// </summary>
    Task<IReadOnlyList<WatchedAccount>> ClaimDueAsync(Platform platform, DateTimeOffset polledBefore, int limit, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct = default);

    Task SetStatusAsync(long accountId, AccountStatus status, string? reason, CancellationToken ct = default);

    /// <summary>
    /// Called only after the polled posts are stored: moves the cursor, clears the failure count and the lease. With
    /// a <paramref name="leaseToken"/>, only while the account's lease still carries it.
    /// </summary>
    /// <returns>False when the lease had been claimed again meanwhile: nothing was recorded.</returns>
    Task<bool> RecordPollSuccessAsync(long accountId, string? newCursor, string? platformAccountId, DateTimeOffset at, long? leaseToken = null, CancellationToken ct = default);

    /// <summary>Counts a failed poll and clears the lease. A permanent failure also sets <see cref="AccountStatus.NeedsAttention"/>.</summary>
    /// <returns>False when the lease had been claimed again meanwhile: nothing was recorded.</returns>
    Task<bool> RecordPollFailureAsync(long accountId, LocalizableMessage error, bool permanent, DateTimeOffset at, long? leaseToken = null, CancellationToken ct = default);
}
