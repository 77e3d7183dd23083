using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Review;
using SocialWatch.Web.Rendering;
using SocialWatch.Web.Review;

namespace SocialWatch.Web.Api;

/// <summary>The JSON shapes of the API: flat, with codes as strings, so clients need none of our types.</summary>
internal static class ApiModels
{
    /// <param name="Excerpt">Of the flagged version; <paramref name="EditedAfterFlagging"/> says whether the post changed since.</param>
    public sealed record FlagRow(long Id, string Status, string Label, double Score, long? AssigneeUserId, DateTimeOffset CreatedAt,
        DateTimeOffset PostCreatedAt, string Platform, string AccountHandle, string StaffName, string StaffNip, long AgencyId, string AgencyName, string Excerpt,
        bool EditedAfterFlagging, string? ElectionPhase, bool NoCampaignDay);

    /// <param name="Phase">A phase code ("quiet", "before_candidates_set", ...), null outside every contest.</param>
    /// <param name="Recorded">False when the flag has no recorded election yet and this was read from the contest files now.</param>
    /// <param name="Rule">Which rule support is judged under in this phase (calon: discipline; bakal calon: ethics).</param>
    public sealed record Election(string? Phase, bool Recorded, bool NoCampaignDay, string? Rule, IReadOnlyList<ElectionContest> Contests);

    public sealed record ElectionContest(string Id, string Name, string Phase);

    public sealed record FlagList(IReadOnlyList<FlagRow> Items, int TotalCount, int Page, int PageSize, IReadOnlyDictionary<string, int> CountsByStatus);

    public sealed record DecisionRow(long Id, long UserId, DateTimeOffset DecidedAt, string Kind, string? Category, string? Reason, string? Label = null);

    public sealed record PostVersion(int Version, DateTimeOffset FetchedAt, DateTimeOffset? EditedAt, DateTimeOffset? DeletedAt, string? Text, string? RawPayload, string RawSha256);

    public sealed record FlagDetailDto(
        FlagRow Flag, string? Url, string ModelVersion, IReadOnlyDictionary<string, double> Scores, IReadOnlyList<Signal> Signals,
        string? StaffPosition, string AccountStatus, IReadOnlyList<PostVersion> Versions, Election Election,
        IReadOnlyList<DecisionRow> History);

    /// <param name="Label">Optional: a confirmation's corrected label (endorse, oppose, campaign) or a dismissal's civic or other.</param>
    public sealed record DecisionRequest(string? Kind, string? Category, string? Reason, string? Label = null);

    /// <param name="ConfirmRate">Confirmed share of the decided flags (0–1); null when none was decided, as the median.</param>
    public sealed record QualityRow(string Key, int Decided, int Confirmed, int Dismissed, double? ConfirmRate, double? DismissRate, double? MedianSecondsToDecision);

    public sealed record QualityDto(QualityRow Overall, IReadOnlyList<QualityRow> ByLabel, IReadOnlyList<QualityRow> ByModelVersion);

    public static QualityDto Quality(ReviewQuality q) => new(QualityOf(q.Overall), [.. q.ByLabel.Select(QualityOf)], [.. q.ByModelVersion.Select(QualityOf)]);

    private static QualityRow QualityOf(ReviewQualityRow r) =>
        new(r.Key, r.Decided, r.Confirmed, r.Dismissed, r.ConfirmRate, r.DismissRate, r.MedianTimeToDecision?.TotalSeconds);

    public static FlagRow Row(FlagSummary s) => new(s.Flag.Id, s.Flag.Status.ToCode(), s.Flag.Label.ToCode(), s.Flag.Score, s.Flag.AssigneeUserId,
        s.Flag.CreatedAt, s.PostCreatedAt, s.Platform.ToCode(), s.AccountHandle, s.StaffName, s.StaffNip.Value, s.AgencyId, s.AgencyName, s.PostExcerpt,
        s.EditedAfterFlagging, s.Flag.Election?.Phase?.ToCode(), s.Flag.Election?.OnNoCampaignDay == true);

    private static Election ElectionOf(FlagDetail d, ElectionCalendar calendar)
    {
        var (election, recorded) = FlagElections.Of(d, calendar);
        return new Election(election.Phase?.ToCode(), recorded, election.OnNoCampaignDay, election.Phase?.Rule(),
            [.. election.Contests.Select(c => new ElectionContest(c.ContestId, calendar.Find(c.ContestId)?.Name ?? c.ContestId, c.Phase.ToCode()))]);
    }

    public static FlagDetailDto Detail(FlagDetail d, ElectionCalendar calendar) => new(
        new FlagRow(d.Flag.Id, d.Flag.Status.ToCode(), d.Flag.Label.ToCode(), d.Flag.Score, d.Flag.AssigneeUserId, d.Flag.CreatedAt,
            d.Post.CreatedAt, d.Post.Platform.ToCode(), d.Account.Handle, d.Staff.Name, d.Staff.Nip.Value, d.Agency.Id, d.Agency.Name,
            SignalHighlighter.ClassifiedText(d.FlaggedPost), d.EditedAfterFlagging, d.Flag.Election?.Phase?.ToCode(), d.Flag.Election?.OnNoCampaignDay == true),
        SafeLink.TryHttp(d.Post.Url)?.AbsoluteUri,
        d.Classification.ModelVersion,
        d.Classification.Scores.ToDictionary(p => p.Key.ToCode(), p => p.Value),
        d.Classification.Signals,
        d.Staff.Position,
        d.Account.Status.ToString(),
        [.. d.Versions.Select(v => new PostVersion(v.Version, v.FetchedAt, v.EditedAt, v.DeletedAt, v.Text, v.RawPayload, v.RawSha256))],
        ElectionOf(d, calendar),
        [.. d.History.Select(h => new DecisionRow(h.Id, h.UserId, h.DecidedAt, h.Kind.ToString(), h.Category?.ToString(), h.Reason, h.Label?.ToCode()))]);
}
