using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;

namespace SocialWatch.Web.Security;

/// <summary>
/// Signs in an API call that carries <c>Authorization: Bearer swt_…</c>: the token's hash must name a token that is
/// neither revoked nor expired, of an active user. The principal is rebuilt from the user row on every call, as for the
/// cookie, so the token acts with the user's role and agencies as they are now. Tokens open the JSON API only: a page
/// requested with one, or any bad token, gets 401 with <c>WWW-Authenticate: Bearer</c>, never a redirect to sign-in.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiTokenRepository tokens,
    IUserRepository users,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "api-token";
    private const string BearerPrefix = "Bearer ";

    /// <summary>Whether the request names a bearer token at all (then this scheme, not the cookie, decides).</summary>
    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The id of the token the principal signed in with; null for a cookie sign-in.</summary>
    public static long? TokenId(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ConsoleClaims.TokenId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }
        if (!Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("API tokens open the JSON API only");
        }
        var secret = Request.Headers.Authorization.ToString()[BearerPrefix.Length..].Trim();
        if (!secret.StartsWith(ApiTokenSecret.Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("not a SocialWatch API token");
        }
        var now = clock.GetUtcNow();
        var token = await tokens.FindByHashAsync(ApiTokenSecret.Hash(secret), Context.RequestAborted);
        if (token is null || !token.IsUsableAt(now))
        {
            return AuthenticateResult.Fail("unknown, revoked or expired token");
        }
        var user = await users.GetAsync(token.UserId, Context.RequestAborted);
        if (user is null || !user.IsActive)
        {
            return AuthenticateResult.Fail("the token's user is deactivated");
        }
        await tokens.TouchAsync(token.Id, now, Context.RequestAborted);
        var principal = ConsoleClaims.ToPrincipal(user, SchemeName);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ConsoleClaims.TokenId, token.Id.ToString(CultureInfo.InvariantCulture)));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
