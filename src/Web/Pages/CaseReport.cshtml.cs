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

    /// <summary>Set when the user may see the flag but it is not confirmed, so there is no report yet.</summary>
    public FlagStatus? UnconfirmedStatus { get; private set; }

    public long FlagId { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        FlagId = id;
        Detail = await review.CaseReportAsync(CurrentUser, id, ct);
        if (Detail is null)
        {
            UnconfirmedStatus = await review.VisibleStatusAsync(CurrentUser, id, ct);
            if (UnconfirmedStatus is null)
            {
                return NotFound(); // absent, or another agency's: the same page either way
            }
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
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
