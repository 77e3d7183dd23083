using System.Globalization;
using System.Security.Claims;
using SocialWatch.Core.Domain;

namespace SocialWatch.Web.Security;

/// <summary>The signed-in user as the console's services see it, read from the (freshly validated) principal.</summary>
public sealed record ConsoleUser(long Id, string UserName, Role Role, IReadOnlyList<long> AgencyIds)
{
    /// <summary>The agencies whose flags this user may see: only their own for officers and supervisors, every agency (null) otherwise.</summary>
    public IReadOnlyList<long>? AgencyScope => Role.ReviewsFlags() ? AgencyIds : null;

    public bool CanSee(long agencyId) => AgencyScope is not { } scope || scope.Contains(agencyId);

    /// <exception cref="InvalidOperationException">The principal is not a console sign-in (an authorisation bug).</exception>
    public static ConsoleUser From(ClaimsPrincipal principal)
    {
        var id = ConsoleClaims.FindUserId(principal) ?? throw new InvalidOperationException("no signed-in console user");
        var claim = principal.FindFirstValue(ClaimTypes.Role);
        if (!RoleRules.TryParseCode(claim, out var role))
        {
            throw new InvalidOperationException($"unknown role claim '{claim}'");
        }
        var agencies = principal.FindAll(ConsoleClaims.Agency)
            .Select(c => long.Parse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture))
            .ToArray();
        return new ConsoleUser(id, principal.Identity?.Name ?? "", role, agencies);
    }
}
