using SocialWatch.Core.Domain;
using SocialWatch.Core.Learning;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Review;

/// <summary>The dashboard's numbers for one user's scope: open flags, flags per day and label, per agency, the oldest waiting, workload, cases by stage, the classifier's measured quality.</summary>
public sealed class DashboardService(IFlagRepository flags, IAgencyRepository agencies, IPostRepository posts, IUserRepository users, ICaseRepository cases, IRecallSampleRepository recall,
    FlagReviewService review, ReadingTimeZone zone, ReviewDeadline deadline, TimeProvider clock)
{
    public const int ChartDays = 30;
    private static readonly FlagStatus[] Unreviewed = [FlagStatus.Open, FlagStatus.InReview, FlagStatus.Escalated];

    public async Task<Dashboard> BuildAsync(ConsoleUser user, CancellationToken ct)
    {
        // Days are the readers' calendar days (Digest:TimeZone), as everywhere else in the console.
        var now = clock.GetUtcNow();
        var today = zone.Day(now);
        var from = zone.StartOf(today.AddDays(1 - ChartDays));
        var to = zone.StartOf(today.AddDays(1));

        var byStatus = await review.CountByStatusAsync(user, new FlagQuery(), ct);
        var perDay = user.AgencyScope is { Count: 0 } ? [] : await flags.CountPerDayAsync(user.AgencyScope, from, to, zone.ToLocal(now).Offset, ct);
        var oldest = await review.QueryAsync(user, new FlagQuery { Statuses = [FlagStatus.Open], Sort = FlagSort.OldestFirst, PageSize = 5 }, ct);
        var flaggedBeforeDeadline = await review.CountByStatusAsync(user, new FlagQuery { To = deadline.OverdueBefore(now) }, ct);

        var perAgency = new List<AgencyCount>();
        foreach (var agency in await agencies.ListAsync(ct))
        {
            if (!user.CanSee(agency.Id))
            {
                continue;
            }
            var counts = await flags.CountByStatusAsync(new FlagQuery { AgencyIds = [agency.Id] }, ct);
            perAgency.Add(new AgencyCount(agency, Unreviewed.Sum(s => counts.GetValueOrDefault(s)), counts.Values.Sum()));
        }

        var workload = user.AgencyScope is { Count: 0 } ? [] : await WorkloadAsync(user, now, ct);
        var stages = user.AgencyScope is { Count: 0 } ? Enum.GetValues<CaseStage>().ToDictionary(s => s, _ => 0) : await cases.CountByStageAsync(user.AgencyScope, ct);

        // Ingestion problems are the registry side's business: admins and auditors see them, officers do not.
        var problems = user.Role is Role.Admin or Role.Auditor ? await posts.CountIngestionProblemsAsync(ct) : null;
        // The model's recall and false-flag rates are one model's figures over every agency: they name no post or person.
        var learning = LearningFigures.From(await recall.GetStatsAsync(ct));

        return new Dashboard(
            byStatus,
            Unreviewed.Sum(s => byStatus.GetValueOrDefault(s)),
            [.. Enumerable.Range(0, ChartDays).Select(i => today.AddDays(i + 1 - ChartDays))],
            perDay,
            [.. perAgency.OrderByDescending(a => a.Unreviewed).ThenBy(a => a.Agency.Name, StringComparer.CurrentCulture)],
            oldest.Items,
            problems,
            workload,
            FlagStatusNames.Pending.Sum(s => flaggedBeforeDeadline.GetValueOrDefault(s)),
            stages,
            learning);
    }

    /// <summary>
    /// Every active officer who reviews an agency in the user's scope, with the waiting flags assigned to them there
    /// and how many of those are overdue; idle officers show as 0, which is what a team lead assigns by.
    /// </summary>
    private async Task<IReadOnlyList<OfficerLoad>> WorkloadAsync(ConsoleUser user, DateTimeOffset now, CancellationToken ct)
    {
        var counts = (await flags.CountWorkloadAsync(user.AgencyScope, deadline.OverdueBefore(now), ct)).ToDictionary(w => w.UserId);
        var officers = (await users.ListAsync(null, ct)).Where(o => o.Role.ReviewsFlags() && o.IsActive && o.AgencyIds.Any(user.CanSee));
        return [.. officers
            .Select(o => new OfficerLoad(o, counts.GetValueOrDefault(o.Id)?.Assigned ?? 0, counts.GetValueOrDefault(o.Id)?.Overdue ?? 0))
            .OrderByDescending(o => o.Overdue).ThenByDescending(o => o.Assigned).ThenBy(o => o.Officer.DisplayName, StringComparer.CurrentCulture)];
    }
}

/// <summary>One officer's waiting flags on the dashboard: assigned to them, and past the review deadline.</summary>
public sealed record OfficerLoad(User Officer, int Assigned, int Overdue);

public sealed record AgencyCount(Agency Agency, int Unreviewed, int Total);

public sealed record Dashboard(
    IReadOnlyDictionary<FlagStatus, int> ByStatus,
    int Unreviewed,
    IReadOnlyList<DateOnly> Days,
    IReadOnlyList<(DateOnly Day, Label Label, int Count)> PerDay,
    IReadOnlyList<AgencyCount> PerAgency,
    IReadOnlyList<FlagSummary> OldestOpen,
    IngestionProblemCounts? IngestionProblems,
    IReadOnlyList<OfficerLoad> Workload,
    int Overdue,
    IReadOnlyDictionary<CaseStage, int> CasesByStage,
    LearningFigures? Learning = null);
