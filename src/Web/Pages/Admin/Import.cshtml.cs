using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialWatch.Core.Domain;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages.Admin;

/// <summary>CSV account import: upload or paste, preview with per-row errors, then import the accepted rows.</summary>
[Authorize(Policy = ConsolePolicies.Administer)]
[RequestSizeLimit(4_000_000)]
public sealed class ImportModel(AccountImportService import) : AdminPageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The CSV text: pasted, or carried from the preview to the import in a hidden field.</summary>
    [BindProperty]
    public string? Csv { get; set; }

    public AccountImportResult? Result { get; private set; }

    public Task<IActionResult> OnPostPreviewAsync(CancellationToken ct) => RunAsync(commit: false, ct);

    public Task<IActionResult> OnPostImportAsync(CancellationToken ct) => RunAsync(commit: true, ct);

    protected override Task LoadAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task<IActionResult> RunAsync(bool commit, CancellationToken ct)
    {
        if (Upload is { Length: > 0 })
        {
            using var reader = new StreamReader(Upload.OpenReadStream(), System.Text.Encoding.UTF8);
            Csv = await reader.ReadToEndAsync(ct);
        }
        try
        {
            Result = await import.RunAsync(CurrentUser, Csv ?? "", commit, ct);
        }
        catch (DomainValidationException ex)
        {
            Error = Explain(ex.Text);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
