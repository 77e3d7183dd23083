using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialWatch.Core.Domain;
using SocialWatch.Web.Rendering;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

/// <summary>
/// One case report over several confirmed posts of one person: the print view, and (handler <c>pdf</c>) the same
/// markup printed to PDF by headless Chromium. <c>?flags=</c> names the flags; none names every confirmed flag.
/// </summary>
[Authorize(Policy = ConsolePolicies.ReadFlags)]
public sealed class CaseFileReportModel(CaseFileService cases, PartialRenderer partials, ChromiumPdf pdf) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Nip { get; set; }

    [BindProperty(SupportsGet = true, Name = "flags")]
    public List<long> FlagIds { get; set; } = [];

    public CaseReport? Report { get; private set; }

    public string PdfLink => $"/staff/{WebUtility.UrlEncode(Nip)}/report/pdf"
        + QueryString.Create(FlagIds.Select(id => KeyValuePair.Create("flags", (string?)id.ToString(CultureInfo.InvariantCulture)))).ToUriComponent();

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => BuildAsync("html", ct);

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        var page = await BuildAsync("pdf", ct);
        if (Report is null)
        {
            return page;
        }
        var body = await partials.RenderAsync(PageContext, "/Pages/Shared/_CaseFileReport.cshtml", Report, new Dictionary<string, object?> { ["InlineMedia"] = true });
        var document = $"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="{ChromiumPdf.DocumentPolicy}">
            <title>{WebUtility.HtmlEncode(Report.File.Staff.Name)}</title>
            <style>{ConsoleAssets.Css}</style></head>
            <body class="page-report">{body}</body></html>
            """;
        try
        {
            var bytes = await pdf.RenderAsync(document, ct);
            return File(bytes, "application/pdf", $"case-report-{Report.File.Staff.Nip.Value}.pdf");
        }
        catch (PdfRenderingException ex)
        {
            Report = null;
            Error = Explain($"The PDF could not be made; the print view still works. For the administrator: {ex.Message}");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }

    private async Task<IActionResult> BuildAsync(string format, CancellationToken ct)
    {
        try
        {
            Report = await cases.ReportAsync(CurrentUser, Nip, FlagIds, format, ct);
        }
        catch (DomainValidationException ex)
        {
            Error = Explain(ex.Text);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Report is null ? NotFound() : Page();
    }
}
