using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

/// <summary>The printable report of a confirmed flag, for forwarding to the agency. Not found for any other status.</summary>
[Authorize(Policy = ConsolePolicies.ReadFlags)]
public sealed class CaseReportModel(FlagReviewService review, IUserRepository users, TimeProvider clock) : ConsolePageModel
{
    public FlagDetail? Detail { get; private set; }

    public string? ReviewerName { get; private set; }

    public DateTimeOffset GeneratedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Detail = await review.CaseReportAsync(CurrentUser, id, ct);
        if (Detail is null)
        {
            return NotFound();
        }
        GeneratedAt = clock.GetUtcNow();
        if (Detail.History.LastOrDefault(h => h.Kind == DecisionKind.Confirm) is { } confirmation
            && await users.GetAsync(confirmation.UserId, ct) is { } reviewer)
        {
            ReviewerName = reviewer.DisplayName;
        }
        return Page();
    }
}
