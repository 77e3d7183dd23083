using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialWatch.Core.Domain;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

/// <summary>
/// The employee's case file by NIP (route or <c>?nip=</c> from the look-up form). Without a NIP the page is the
/// look-up form alone; a malformed NIP is a 400 with the reason; a person who is not the user's to see is not found.
/// </summary>
[Authorize(Policy = ConsolePolicies.ReadFlags)]
public sealed class CaseFileModel(CaseFileService cases) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Nip { get; set; }

    public CaseFile? Case { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Nip))
        {
            return Page();
        }
        try
        {
            Case = await cases.OpenAsync(CurrentUser, Nip, ct);
        }
        catch (DomainValidationException ex)
        {
            Error = Explain(ex.Text);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Case is null ? NotFound() : Page();
    }
}
