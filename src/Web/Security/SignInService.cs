using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;

namespace SocialWatch.Web.Security;

/// <summary>
/// Checks a user name and password, counts failures and locks the account after too many in a row, and writes
/// every attempt to the audit log. Unknown users cost the same hashing time as known ones, so timing does not
/// reveal which user names exist.
/// </summary>
public sealed class SignInService(IUserRepository users, IAuditLog audit, TimeProvider clock, IOptions<ConsoleOptions> options)
{
    // A well-formed hash of a random password: verified against when the user name is unknown.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher().Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    /// <returns>The user when the password is right and the account is active and not locked; otherwise null.</returns>
    public async Task<User?> SignInAsync(string userName, string password, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var name = userName.Trim();
        var user = name.Length == 0 ? null : await users.FindByUserNameAsync(name, ct);
        if (user is null)
        {
            PasswordHasher.Verify(password, DecoyHash.Value);
            await audit.AppendAsync(name, AuditActions.SignInFailed, null, "unknown user", now, ct);
            return null;
        }

        var passwordMatches = PasswordHasher.Verify(password, user.PasswordHash);
        if (user.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            await audit.AppendAsync(user.UserName, AuditActions.SignInFailed, null, $"locked until {lockedUntil:O}", now, ct);
            return null;
        }
        if (!user.IsActive)
        {
            await audit.AppendAsync(user.UserName, AuditActions.SignInFailed, null, "account deactivated", now, ct);
            return null;
        }
        if (!passwordMatches)
        {
            var (failures, lockedNow) = await users.RecordFailedSignInAsync(user.Id, options.Value.MaxFailedSignIns, now.AddMinutes(options.Value.LockoutMinutes), ct);
            await audit.AppendAsync(user.UserName, AuditActions.SignInFailed, null,
                lockedNow is { } until && until > now ? $"wrong password ({failures} in a row); locked until {until:O}" : $"wrong password ({failures} in a row)", now, ct);
            return null;
        }
        if (!await users.RecordSignInSucceededAsync(user.Id, now, ct))
        {
            // Locked by failures on another node since this attempt read the account.
            await audit.AppendAsync(user.UserName, AuditActions.SignInFailed, null, "locked during the attempt", now, ct);
            return null;
        }

        await audit.AppendAsync(user.UserName, AuditActions.SignInSucceeded, null, null, now, ct);
        return user;
    }
}
