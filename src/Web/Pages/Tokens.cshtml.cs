using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SocialWatch.Core.Domain;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

/// <summary>
/// A user's API tokens: create one (its secret is shown on this response only), see when each was last used, revoke.
/// <c>?user=ID</c> lets an admin manage another user's tokens; for anyone else another user's id is "not found".
/// </summary>
[Authorize(Policy = ConsolePolicies.ReadFlags)]
public sealed class TokensModel(ApiTokenService tokens, TimeProvider clock, IStringLocalizer<ConsoleText> text) : ConsolePageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public long? UserId { get; set; }

    public User? Owner { get; private set; }

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The token just created and its secret, shown once.</summary>
    public (ApiToken Token, string Secret)? Created { get; private set; }

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    private long OwnerId => UserId ?? CurrentUser.Id;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(string? name, int? expiresInDays, CancellationToken ct)
    {
        try
        {
            Created = await tokens.CreateAsync(CurrentUser, OwnerId, name, expiresInDays, ct);
            if (Created is null)
            {
                return NotFound();
            }
            // The secret is in this page only: no cache may keep it.
            Response.Headers.CacheControl = "no-store";
        }
        catch (DomainValidationException ex)
        {
            Error = Explain(ex.Text);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long tokenId, CancellationToken ct)
    {
        if (!await tokens.RevokeAsync(CurrentUser, tokenId, ct))
        {
            return NotFound();
        }
        Notice = text["Token revoked."];
        return RedirectToPage(null, new { user = UserId });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await tokens.ListAsync(CurrentUser, OwnerId, ct) is not { } found)
        {
            return false;
        }
        (Owner, Tokens) = found;
        return true;
    }
}
