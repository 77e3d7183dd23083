using System.Globalization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;

namespace SocialWatch.Web.Security;

/// <summary>
/// Creating, listing and revoking API tokens from the console. A user manages their own tokens; an admin also anyone's.
/// Anyone else asking about a user's tokens gets "not found", the same answer as for a user or token that does not
/// exist. Creating and revoking are audited; the token itself is returned once and never stored or logged.
/// </summary>
public sealed class ApiTokenService(IApiTokenRepository tokens, IUserRepository users, IAuditLog audit, TimeProvider clock)
{
    /// <summary>Longest lifetime a token can be given; a script that runs for years should still be renewed.</summary>
    public const int MaxExpiryDays = 3650;

    /// <summary>The user and their tokens, when <paramref name="actor"/> may manage them; null otherwise.</summary>
    public async Task<(User User, IReadOnlyList<ApiToken> Tokens)?> ListAsync(ConsoleUser actor, long userId, CancellationToken ct)
    {
        var user = await ManageableAsync(actor, userId, ct);
        return user is null ? null : (user, await tokens.ListByUserAsync(user.Id, ct));
    }

    /// <summary>A new token for the user; the secret is in the result only. Null when <paramref name="actor"/> may not manage the user's tokens.</summary>
    /// <exception cref="DomainValidationException">A blank or long name, or an expiry out of range.</exception>
    public async Task<(ApiToken Token, string Secret)?> CreateAsync(ConsoleUser actor, long userId, string? name, int? expiresInDays, CancellationToken ct)
    {
        if (expiresInDays is < 1 or > MaxExpiryDays)
        {
            throw new DomainValidationException($"a token expires after 1 to {MaxExpiryDays} days, or never");
        }
        var user = await ManageableAsync(actor, userId, ct);
        if (user is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var (secret, hash) = ApiTokenSecret.Create();
        var token = await tokens.AddAsync(user.Id, name ?? "", hash, actor.UserName, now, expiresInDays is { } days ? now.AddDays(days) : null, ct);
        var expiry = token.ExpiresAt is { } at ? at.ToString("O", CultureInfo.InvariantCulture) : "never";
        await audit.AppendAsync(actor.UserName, AuditActions.ApiTokenAdded, Subject(token.Id), $"user={user.UserName}; name={token.Name}; expires={expiry}", now, ct);
        return (token, secret);
    }

    /// <returns>False when the token does not exist, is not <paramref name="actor"/>'s to revoke, or was already revoked.</returns>
    public async Task<bool> RevokeAsync(ConsoleUser actor, long tokenId, CancellationToken ct)
    {
        var token = await tokens.GetAsync(tokenId, ct);
        var user = token is null ? null : await ManageableAsync(actor, token.UserId, ct);
        if (token is null || user is null)
        {
            return false;
        }
        var now = clock.GetUtcNow();
        if (!await tokens.RevokeAsync(token.Id, now, ct))
        {
            return false;
        }
        await audit.AppendAsync(actor.UserName, AuditActions.ApiTokenRevoked, Subject(token.Id), $"user={user.UserName}; name={token.Name}", now, ct);
        return true;
    }

    public static string Subject(long tokenId) => "apitoken:" + tokenId.ToString(CultureInfo.InvariantCulture);

    private async Task<User?> ManageableAsync(ConsoleUser actor, long userId, CancellationToken ct) =>
        actor.Id == userId || actor.Role == Role.Admin ? await users.GetAsync(userId, ct) : null;
}
