using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages.Admin;

/// <summary>
/// <c>socialwatch contests import</c> in the console: upload the KPU's candidate lists with their schedule, check them
/// row by row (nothing written), then write the contest file. The service loads it at its next start.
/// </summary>
[Authorize(Policy = ConsolePolicies.Administer)]
[RequestSizeLimit(2 * ContestImportService.MaxCsvCharacters)]
public sealed class ContestImportModel(ContestImportService import) : ConsolePageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The CSV text and its file name, carried from the check to the write in hidden fields.</summary>
    [BindProperty]
    public string? Csv { get; set; }

    [BindProperty]
    public string? CsvName { get; set; }

    [BindProperty]
    public string? Election { get; set; }

    [BindProperty]
    public string? Source { get; set; }

    [BindProperty]
    public DateOnly? VoteDate { get; set; }

    [BindProperty]
    public DateOnly? CandidatesSet { get; set; }

    [BindProperty]
    public DateOnly? CampaignStart { get; set; }

    [BindProperty]
    public DateOnly? CampaignEnd { get; set; }

    [BindProperty]
    public DateOnly? QuietStart { get; set; }

    [BindProperty]
    public DateOnly? QuietEnd { get; set; }

    /// <summary>The check's outcome; null before one, or when the input could not be checked at all (see Error).</summary>
    public ContestImportResult? Result { get; private set; }

    public Task<IActionResult> OnPostCheckAsync(CancellationToken ct) => RunAsync(write: false, ct);

    public Task<IActionResult> OnPostWriteAsync(CancellationToken ct) => RunAsync(write: true, ct);

    private async Task<IActionResult> RunAsync(bool write, CancellationToken ct)
    {
        // The request size limit bounds what is read here; the service refuses more than it takes.
        if (Upload is { Length: > 0 })
        {
            using var reader = new StreamReader(Upload.OpenReadStream(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            Csv = await reader.ReadToEndAsync(ct);
            CsvName = Upload.FileName;
        }
        if (string.IsNullOrEmpty(Csv) || string.IsNullOrWhiteSpace(CsvName))
        {
            return Refuse("choose the CSV file with the KPU's candidate lists");
        }
        if (!ModelState.IsValid)
        {
            return Refuse("dates must be days such as 2024-11-27");
        }
        if (VoteDate is not { } vote)
        {
            return Refuse("the vote day is required");
        }
        var schedule = new CandidateImportSchedule((Election ?? "").Trim(), (Source ?? "").Trim(), vote, CandidatesSet, CampaignStart, CampaignEnd, QuietStart, QuietEnd);
        try
        {
            Result = await import.RunAsync(CurrentUser, CsvName, Csv, schedule, write, ct);
        }
        catch (DomainValidationException ex)
        {
            return Refuse(ex.Text);
        }
        if (Result.Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else if (Result.Written)
        {
            Notice = Explain($"{Path.GetFileName(Result.Target)} written: {Result.Contests.Count} contests, {Result.Contests.Sum(c => c.Pairs.Count)} pairs. The service uses them after the worker restarts.");
            return RedirectToPage("/Admin/Contests");
        }
        return Page();
    }

    private PageResult Refuse(LocalizableMessage why)
    {
        Error = Explain(why);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
