using System.Globalization;
using System.Security.Claims;
using SocialWatch.Core.Domain;

namespace SocialWatch.Web.Security;

/// <summary>The claims the console's cookie carries. They are rebuilt from the user table on every request.</summary>
internal static class ConsoleClaims
{
    public const string UserId = "sw:uid";
    public const string Agency = "sw:agency";
    /// <summary>Only on API-token sign-ins: which token, for the audit log.</summary>
    public const string TokenId = "sw:token";

    public static ClaimsPrincipal ToPrincipal(User user, string authenticationScheme)
    {
        var claims = new List<Claim>
        {
            new(UserId, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, user.Role.ToCode()),
        };
        claims.AddRange(user.AgencyIds.Select(id => new Claim(Agency, id.ToString(CultureInfo.InvariantCulture))));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static long? FindUserId(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(UserId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
