using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Ports;

/// <summary>A flag's near-duplicate group in the caller's scope: how many flags carry its text fingerprint, from how many accounts.</summary>
public sealed record DuplicateGroup(string Fingerprint, int Flags, int Accounts);

/// <summary>One flag of a near-duplicate group, as the group page lists it.</summary>
public sealed record DuplicateMember(long FlagId, FlagStatus Status, Label Label, DateTimeOffset FlaggedAt, Platform Platform, string AccountHandle,
    string StaffName, Nip StaffNip, string AgencyName, string Excerpt);

/// <summary>Flags grouped by <see cref="TextFingerprint"/> of their flagged text: one message posted by several watched accounts.</summary>
public interface IDuplicateRepository
{
    /// <summary>Records the flag's fingerprint once (null: its text is too short to group).</summary>
    Task RecordFingerprintAsync(long flagId, string? fingerprint, CancellationToken ct = default);

    /// <summary>The groups of the given flags that span at least two accounts, counting only flags of the given agencies (null: all).</summary>
    Task<IReadOnlyDictionary<long, DuplicateGroup>> GroupsOfAsync(IReadOnlyList<long> flagIds, IReadOnlyList<long>? agencyIds, CancellationToken ct = default);

    /// <summary>The flags with this fingerprint in the given agencies (null: all), newest first.</summary>
    Task<IReadOnlyList<DuplicateMember>> ListAsync(string fingerprint, IReadOnlyList<long>? agencyIds, int limit, CancellationToken ct = default);
}
