using Microsoft.AspNetCore.Mvc;
using SocialWatch.Core.Domain;

namespace SocialWatch.Web.Pages.Admin;

/// <summary>
/// Registry pages: admins and auditors read them (folder policy); only admins change anything, checked in
/// every POST handler through <see cref="ChangeAsync"/>.
/// </summary>
public abstract class AdminPageModel : ConsolePageModel
{
    public bool CanChange => CurrentUser.Role == Role.Admin;

    protected abstract Task LoadAsync(CancellationToken ct);

    /// <summary>Runs a change for an admin, then redirects with a notice; a rule broken shows the form again with the error.</summary>
    protected async Task<IActionResult> ChangeAsync(Func<Task<string>> change, CancellationToken ct)
    {
        if (!CanChange)
        {
            return Forbid();
        }
        try
        {
            Notice = await change();
            return RedirectToPage();
        }
        catch (DomainValidationException ex)
        {
            Error = Explain(ex.Text);
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
