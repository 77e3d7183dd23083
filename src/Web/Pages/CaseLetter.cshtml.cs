using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialWatch.Core.Domain;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

/// <summary>
/// The clarification letter of a case, to print, sign and send by hand: SocialWatch sends nothing. Filled with the
/// latest recorded request's date and number, or with blanks to fill in before the request is recorded.
/// </summary>
[Authorize(Policy = ConsolePolicies.ReadFlags)]
public sealed class CaseLetterModel(CaseFileService cases) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Nip { get; set; }

    public ClarificationLetter? Letter { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Letter = await cases.LetterAsync(CurrentUser, Nip, ct);
        }
        catch (DomainValidationException ex)
        {
            Error = Explain(ex.Text);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Letter is null ? NotFound() : Page();
    }
}
