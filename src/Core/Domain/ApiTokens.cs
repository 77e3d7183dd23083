namespace SocialWatch.Core.Domain;

/// <summary>
/// A user's API token for scripts, as stored: never the token itself, only its SHA-256
/// (<see cref="Security.ApiTokenSecret"/>). It acts with its user's role and agencies as they are at each call.
/// </summary>
/// <param name="Name">What the user called it ("laporan mingguan"), to tell tokens apart when revoking.</param>
/// <param name="CreatedBy">The user name of whoever created it: the user, or an admin for them.</param>
public sealed record ApiToken(
    long Id,
    long UserId,
    string Name,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt)
{
    /// <summary>Not revoked and not expired at <paramref name="now"/>.</summary>
    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || expires > now);
}
