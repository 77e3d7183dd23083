using SocialWatch.Core.Ports;
using SocialWatch.Core.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Review;

/// <summary>The review-quality numbers (<see cref="ReviewQuality"/>) over the flags a user may see, for the dashboard and the API.</summary>
public sealed class ReviewQualityService(IReviewReportRepository reports)
{
    /// <param name="agencyIds">Narrows the user's scope (null: all they may see); it never widens an officer's.</param>
    /// <param name="from">Decisions made at or after this time; null: since the beginning.</param>
    public async Task<ReviewQuality> BuildAsync(ConsoleUser user, IReadOnlyList<long>? agencyIds, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var scope = FlagReviewService.Scoped(user, new FlagQuery { AgencyIds = agencyIds }).AgencyIds;
        return ReviewQuality.From(scope is { Count: 0 } ? [] : await reports.ListDecidedAsync(scope, from, to, ct));
    }
}
