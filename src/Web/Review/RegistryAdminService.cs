using System.Globalization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Review;

/// <summary>Registry changes made from the console, each written to the audit log with who made it.</summary>
public sealed class RegistryAdminService(
    IAgencyRepository agencies,
    IStaffRepository staff,
    IAccountRepository accounts,
    IUserRepository users,
    IAuditLog audit,
    TimeProvider clock)
{
    /// <exception cref="DomainValidationException">Empty or duplicate code, or an empty name.</exception>
    public async Task<Agency> AddAgencyAsync(ConsoleUser admin, string? code, string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(name))
        {
            throw new DomainValidationException("an agency needs a code and a name");
        }
        var agency = await agencies.AddAsync(code.Trim(), name.Trim(), ct: ct);
        await audit.AppendAsync(admin.UserName, AuditActions.AgencyAdded, "agency:" + agency.Code, agency.Name, clock.GetUtcNow(), ct);
        return agency;
    }

    /// <exception cref="DomainValidationException">Bad NIP, duplicate NIP, unknown agency or an empty name.</exception>
    public async Task<StaffMember> AddStaffAsync(ConsoleUser admin, string? nip, string? name, string? position, string? agencyCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(agencyCode))
        {
            throw new DomainValidationException("a staff member needs a name and an agency");
        }
        var member = await staff.AddAsync(new NewStaffMember(Nip.Parse(nip), name.Trim(), string.IsNullOrWhiteSpace(position) ? null : position.Trim(), agencyCode.Trim()), ct);
        await audit.AppendAsync(admin.UserName, AuditActions.StaffAdded, "staff:" + member.Nip, member.Name, clock.GetUtcNow(), ct);
        return member;
    }

    /// <exception cref="DomainValidationException">Unknown platform or NIP, empty handle, or already registered.</exception>
    public async Task<WatchedAccount> AddAccountAsync(ConsoleUser admin, string? platform, string? handle, string? nip, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(handle))
        {
            throw new DomainValidationException("an account needs a handle");
        }
        var account = await accounts.AddAsync(new NewAccount(PlatformNames.Parse(platform), handle.Trim(), Nip.Parse(nip)), ct);
        await audit.AppendAsync(admin.UserName, AuditActions.AccountAdded, AccountSubject(account.Id), $"{account.Platform.ToCode()} {account.Handle}", clock.GetUtcNow(), ct);
        return account;
    }

    /// <returns>False when no such account exists.</returns>
    public async Task<bool> SetAccountStatusAsync(ConsoleUser admin, long accountId, AccountStatus status, CancellationToken ct)
    {
        if (await accounts.GetAsync(accountId, ct) is null)
        {
            return false;
        }
        await accounts.SetStatusAsync(accountId, status, $"set by {admin.UserName}", ct);
        await audit.AppendAsync(admin.UserName, AuditActions.AccountStatusChanged, AccountSubject(accountId), AccountStatusNames.ToCode(status), clock.GetUtcNow(), ct);
        return true;
    }

    /// <returns>False when no such user exists.</returns>
    /// <exception cref="DomainValidationException">An admin tried to deactivate themself (which could lock everyone out).</exception>
    public async Task<bool> SetUserActiveAsync(ConsoleUser admin, long userId, bool active, CancellationToken ct)
    {
        var user = await users.GetAsync(userId, ct);
        if (user is null)
        {
            return false;
        }
        if (user.Id == admin.Id && !active)
        {
            throw new DomainValidationException("you cannot deactivate your own account");
        }
        await users.SetActiveAsync(userId, active, ct);
        await audit.AppendAsync(admin.UserName, active ? AuditActions.UserActivated : AuditActions.UserDeactivated, "user:" + user.UserName, null, clock.GetUtcNow(), ct);
        return true;
    }

    private static string AccountSubject(long id) => "account:" + id.ToString(CultureInfo.InvariantCulture);
}
