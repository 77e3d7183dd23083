using SocialWatch.Core.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using SocialWatch.Core.Ports;

namespace SocialWatch.Web.Pages;

public sealed class SignOutModel(IAuditLog audit, TimeProvider clock) : ConsolePageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await audit.AppendAsync(CurrentUser.UserName, AuditActions.SignOut, null, null, clock.GetUtcNow(), ct);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/signin");
    }
}
