using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SocialWatch.Core.Domain;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

/// <summary>
/// The employee's case file by NIP (route or <c>?nip=</c> from the look-up form). Without a NIP the page is the
/// look-up form alone; a malformed NIP is a 400 with the reason; a person who is not the user's to see is not found.
/// The step form (handler <c>step</c>) records the clarification, response, forwarding and outcome: officers only.
/// </summary>
[Authorize(Policy = ConsolePolicies.ReadFlags)]
public sealed class CaseFileModel(CaseFileService cases, IStringLocalizer<ConsoleText> text, ReadingTimeZone zone, TimeProvider clock) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Nip { get; set; }

    public CaseFile? Case { get; private set; }

    /// <summary>The step being recorded, as codes (<see cref="CaseCodes"/>) and the date as yyyy-MM-dd.</summary>
    [BindProperty]
    public string? StepKind { get; set; }

    [BindProperty]
    public string? StepDate { get; set; }

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? StepText { get; set; }

    [BindProperty]
    public string? Recipient { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    /// <summary>Today in the readers' time zone, yyyy-MM-dd: the step forms' default and latest date.</summary>
    public string Today => zone.Day(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public bool CanRecordSteps => CurrentUser.Role.ReviewsFlags() && Case is { IsClosed: false } && Case.Stage is not null;

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

    public async Task<IActionResult> OnPostStepAsync(CancellationToken ct)
    {
        if (!CurrentUser.Role.ReviewsFlags())
        {
            return Forbid();
        }
        // Codes come from the form's own select lists: anything else is a hand-made request, not a user's slip.
        var kind = CaseCodes.Parse<CaseStepKind>(StepKind, CaseCodes.ToCode);
        var recipient = CaseCodes.Parse<CaseRecipient>(Recipient, CaseCodes.ToCode);
        var outcome = CaseCodes.Parse<CaseOutcome>(Outcome, CaseCodes.ToCode);
        if (kind is null || (!string.IsNullOrWhiteSpace(Recipient) && recipient is null) || (!string.IsNullOrWhiteSpace(Outcome) && outcome is null))
        {
            return BadRequest();
        }
        try
        {
            if (!DateOnly.TryParseExact(StepDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new DomainValidationException("the date must be a calendar day (yyyy-mm-dd)");
            }
            var step = new CaseStepInput(kind.Value, date, Reference, StepText, recipient, outcome);
            if (await cases.RecordStepAsync(CurrentUser, Nip, step, ct) is null)
            {
                return NotFound();
            }
        }
        catch (DomainValidationException ex)
        {
            Error = Explain(ex.Text);
            try
            {
                Case = await cases.OpenAsync(CurrentUser, Nip, ct);
            }
            catch (DomainValidationException)
            {
                Case = null;
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Notice = text["step-recorded-" + kind.Value.ToCode()];
        return Redirect($"/staff/{Uri.EscapeDataString(Nip!)}#case-steps");
    }
}
