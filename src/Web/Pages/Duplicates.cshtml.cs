using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

/// <summary>
/// One near-duplicate group: the flags whose flagged text has the same fingerprint (the same message posted by several
/// watched accounts), within the user's agencies. A group with none of them is not found; a malformed key is a 400.
/// </summary>
[Authorize(Policy = ConsolePolicies.ReadFlags)]
public sealed class DuplicatesModel(DuplicateService duplicates) : ConsolePageModel
{
    public string Fingerprint { get; private set; } = "";

    public IReadOnlyList<DuplicateMember> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string fingerprint, CancellationToken ct)
    {
        if (fingerprint.Length != 32 || !fingerprint.All(char.IsAsciiHexDigitLower))
        {
            return BadRequest();
        }
        Fingerprint = fingerprint;
        Members = await duplicates.ListAsync(CurrentUser, fingerprint, ct);
        return Members.Count == 0 ? NotFound() : Page();
    }
}
