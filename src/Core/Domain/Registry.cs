namespace SocialWatch.Core.Domain;

/// <summary>An instansi: a ministry, agency or regional government whose staff are watched.</summary>
/// <param name="RegionCode">The BPS/Kemendagri code of the region the agency serves ("32.73"), when known: its staff's posts are read against that region's contests.</param>
public sealed record Agency(long Id, string Code, string Name, string? RegionCode = null);

/// <summary>A civil servant (ASN). The NIP is unique across the registry.</summary>
public sealed record StaffMember(long Id, Nip Nip, string Name, string? Position, long AgencyId);

public enum AccountStatus
{
    /// <summary>Polled on schedule.</summary>
    Active,
    /// <summary>Switched off by an admin; never polled.</summary>
    Disabled,
    /// <summary>The platform answered with a permanent error (gone, 401/403); an admin must look. Not polled.</summary>
    NeedsAttention,
}

/// <summary>The one spelling of <see cref="AccountStatus"/> people read (CLI, audit details).</summary>
public static class AccountStatusNames
{
    public static string ToCode(AccountStatus status) => status switch
    {
        AccountStatus.Active => "active",
        AccountStatus.Disabled => "disabled",
        AccountStatus.NeedsAttention => "needs-attention",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

/// <summary>A staff member's public account on one platform, and its polling state.</summary>
public sealed record WatchedAccount(
    long Id,
    Platform Platform,
    string Handle,
    string? PlatformAccountId,
    long StaffId,
    AccountStatus Status,
    string? Cursor,
    DateTimeOffset? LastPolledAt,
    int ConsecutiveFailures,
    LocalizableMessage? LastError)
{
    /// <summary>
    /// The fencing token of the lease this node holds on the account, when it was claimed for a poll; a poll records its
    /// result only while the token is still the account's (see <see cref="Ports.IAccountRepository.ClaimDueAsync"/>).
    /// </summary>
    public long? LeaseToken { get; init; }
}

/// <summary>What an admin supplies to register an account; the NIP links it to a registered staff member.</summary>
public sealed record NewAccount(Platform Platform, string Handle, Nip StaffNip, string? PlatformAccountId = null);

/// <summary>What an admin supplies to register a staff member; the agency is named by its code.</summary>
public sealed record NewStaffMember(Nip Nip, string Name, string? Position, string AgencyCode);
