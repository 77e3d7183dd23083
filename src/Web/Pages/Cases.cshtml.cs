using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

/// <summary>
/// The cases in one stage (<c>?stage=</c>, default "to clarify"), within the user's agencies, the longest-waiting
/// first: where the dashboard's stage counts lead.
/// </summary>
[Authorize(Policy = ConsolePolicies.ReadFlags)]
public sealed class CasesModel(ICaseRepository cases) : ConsolePageModel
{
    /// <summary>Rows on the page; a stage with more shows the first ones and says so.</summary>
    public const int Limit = 500;

    [BindProperty(SupportsGet = true, Name = "stage")]
    public string? StageCode { get; set; }

    public CaseStage Stage { get; private set; }

    public IReadOnlyList<CaseSummary> Items { get; private set; } = [];

    public IReadOnlyDictionary<CaseStage, int> Counts { get; private set; } = new Dictionary<CaseStage, int>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CaseCodes.Parse<CaseStage>(string.IsNullOrWhiteSpace(StageCode) ? CaseStage.ToClarify.ToCode() : StageCode, CaseCodes.ToCode) is not { } stage)
        {
            Error = $"unknown stage '{StageCode}' (expected one of: {string.Join(", ", Enum.GetValues<CaseStage>().Select(s => s.ToCode()))})";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Stage = stage;
        var scope = CurrentUser.AgencyScope;
        if (scope is { Count: 0 })
        {
            return Page();
        }
        Counts = await cases.CountByStageAsync(scope, ct);
        Items = await cases.ListByStageAsync(scope, stage, Limit, ct);
        return Page();
    }
}
