using System.Globalization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Export;

/// <summary>
/// The queue and the review decisions as CSV, for the console's download links and for scripts. Both go through the
/// user's agency scope (<see cref="FlagReviewService.Scoped"/>): an officer exports their agencies' rows only, whatever
/// the filter asks for. Every export is audited with its filter and row count, as it carries names and NIPs.
/// </summary>
public sealed class CsvExportService(FlagReviewService review, IReviewReportRepository reports, IAuditLog audit, ReadingTimeZone zone, TimeProvider clock)
{
    public static IReadOnlyList<string> QueueColumns { get; } =
    [
        "flag_id", "status", "label", "score", "flagged_at", "posted_at", "platform", "account", "staff_name", "nip", "agency_id", "agency",
        "assignee", "decided_by", "decided_at", "election_phase", "edited_after_flagging", "excerpt",
    ];

    public static IReadOnlyList<string> DecisionColumns { get; } =
    [
        "decision_id", "decided_at", "reviewer", "reviewer_name", "decision", "category", "reason", "flag_id", "label", "flag_status", "nip", "staff_name", "agency",
    ];

    /// <summary>Every flag matching the queue's filter (all of them, in the queue's order). Returns the row count.</summary>
    public async Task<int> WriteQueueAsync(ConsoleUser user, FlagQuery query, string filterDescription, TextWriter output, CancellationToken ct)
    {
        var csv = new CsvWriter(output);
        await csv.WriteRowAsync(QueueColumns);
        var rows = 0;
        await foreach (var s in review.ListAllAsync(user, query, ct))
        {
            await csv.WriteRowAsync(
                Number(s.Flag.Id), s.Flag.Status.ToCode(), s.Flag.Label.ToCode(), s.Flag.Score.ToString("0.####", CultureInfo.InvariantCulture),
                Time(s.Flag.CreatedAt), Time(s.PostCreatedAt), s.Platform.ToCode(), s.AccountHandle, s.StaffName, s.StaffNip.Value, Number(s.AgencyId), s.AgencyName,
                s.AssigneeName, s.DecidedBy, Time(s.DecidedAt), s.Flag.Election?.Phase?.ToCode(), s.EditedAfterFlagging ? "true" : "false", s.PostExcerpt);
            rows++;
        }
        await audit.AppendAsync(user.UserName, AuditActions.QueueExported, null, $"{filterDescription}; rows={rows}", clock.GetUtcNow(), ct);
        return rows;
    }

    /// <summary>Every decision made in [from, to) on flags the user may see (narrowed to <paramref name="agencyIds"/>), oldest first.</summary>
    public async Task<int> WriteDecisionsAsync(ConsoleUser user, IReadOnlyList<long>? agencyIds, DateTimeOffset? from, DateTimeOffset? to, string filterDescription,
        TextWriter output, CancellationToken ct)
    {
        var csv = new CsvWriter(output);
        await csv.WriteRowAsync(DecisionColumns);
        var scope = FlagReviewService.Scoped(user, new FlagQuery { AgencyIds = agencyIds }).AgencyIds;
        var rows = 0;
        if (scope is not { Count: 0 })
        {
            await foreach (var d in reports.ListDecisionsAsync(scope, from, to, ct))
            {
                await csv.WriteRowAsync(
                    Number(d.DecisionId), Time(d.DecidedAt), d.ReviewerUserName, d.ReviewerName, d.Kind.ToString().ToLowerInvariant(), d.Category?.ToString(), d.Reason,
                    Number(d.FlagId), d.Label.ToCode(), d.FlagStatus.ToCode(), d.StaffNip.Value, d.StaffName, d.AgencyCode);
                rows++;
            }
        }
        await audit.AppendAsync(user.UserName, AuditActions.DecisionsExported, null, $"{filterDescription}; rows={rows}", clock.GetUtcNow(), ct);
        return rows;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private string? Time(DateTimeOffset? at) => at is { } value ? zone.ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture) : null;
}
