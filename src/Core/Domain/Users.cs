namespace SocialWatch.Core.Domain;

public enum Role
{
    /// <summary>Manages agencies, staff, accounts, users and imports.</summary>
    Admin,
    /// <summary>Reviews the flags of the agencies assigned to them, and only those.</summary>
    Officer,
    /// <summary>Reads everything, including the audit log; changes nothing.</summary>
    Auditor,
    /// <summary>
    /// A senior officer: reviews the flags of their agencies as an officer does, and alone decides the flags officers
    /// escalated (the supervisor queue).
    /// </summary>
    Supervisor,
}

public static class RoleRules
{
    /// <summary>Officers and supervisors: the roles that review (and decide) the flags of the agencies assigned to them.</summary>
    public static bool ReviewsFlags(this Role role) => role is Role.Officer or Role.Supervisor;

    /// <summary>The one spelling of a role on every wire: the database, the sign-in cookie's claim, the CLI.</summary>
    public static string ToCode(this Role role) => role switch
    {
        Role.Admin => "admin",
        Role.Officer => "officer",
        Role.Auditor => "auditor",
        Role.Supervisor => "supervisor",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>The role whose code is exactly <paramref name="code"/>; false for anything else.</summary>
    public static bool TryParseCode(string? code, out Role role)
    {
        foreach (var candidate in Enum.GetValues<Role>())
        {
            if (candidate.ToCode() == code)
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }
}

/// <summary>A console user. The password is stored only as a PBKDF2 hash.</summary>
public sealed record User(
    long Id,
    string UserName,
    string DisplayName,
    string Email,
    Role Role,
    string PasswordHash,
    IReadOnlyList<long> AgencyIds,
    bool IsActive,
    int FailedSignIns,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt);

/// <summary>One line of the append-only audit log: who did what to which subject, when.</summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string Actor,
    string Action,
    string? Subject,
    string? Details);

/// <summary>An email waiting in (or delivered from) the outbox. The key makes enqueueing idempotent.</summary>
public sealed record OutboxMessage(
    long Id,
    string Key,
    string To,
    string Subject,
    string HtmlBody,
    string TextBody,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError);
