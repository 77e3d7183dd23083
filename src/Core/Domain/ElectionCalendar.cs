using System.Globalization;

namespace SocialWatch.Core.Domain;

/// <summary>What a contest elects. Spelled in contest files as the KPU abbreviations (pilpres, pileg, pilgub, ...).</summary>
public enum ContestKind
{
    /// <summary>President and vice-president (national).</summary>
    Pilpres,
    /// <summary>Legislatures: DPR, DPD, DPRD (national calendar, parties with ballot numbers).</summary>
    Pileg,
    /// <summary>Governor (province).</summary>
    Pilgub,
    /// <summary>Regent (kabupaten).</summary>
    Pilbup,
    /// <summary>Mayor (kota).</summary>
    Pilwalkot,
    /// <summary>A re-vote (pemungutan suara ulang) ordered for some polling stations or a whole region.</summary>
    Psu,
}

public static class ContestKinds
{
    private static readonly Dictionary<string, ContestKind> ByCode = Enum.GetValues<ContestKind>()
        .ToDictionary(k => k.ToCode(), k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>All codes, for error messages: "pilpres, pileg, pilgub, pilbup, pilwalkot, psu".</summary>
    public static string AllCodes => string.Join(", ", Enum.GetValues<ContestKind>().Select(k => k.ToCode()));

    public static string ToCode(this ContestKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParse(string? code, out ContestKind kind) => ByCode.TryGetValue((code ?? "").Trim(), out kind);

    /// <summary>A national contest is in scope in every region; a regional one only in its region.</summary>
    public static bool IsNational(this ContestKind kind) => kind is ContestKind.Pilpres or ContestKind.Pileg;
}

public enum ElectionPhaseKind
{
    /// <summary>Before the KPU formally set the candidates: they are still <i>bakal calon</i>.</summary>
    BeforeCandidatesSet,
    /// <summary>Candidates are set (<i>calon</i>) but the campaign has not started.</summary>
    CandidatesSet,
    Campaign,
    /// <summary>Masa tenang: no campaigning at all.</summary>
    Quiet,
    VotingDay,
    AfterVote,
}

public static class ElectionPhaseKinds
{
    private static readonly Dictionary<string, ElectionPhaseKind> ByCode = Enum.GetValues<ElectionPhaseKind>()
        .ToDictionary(k => k.ToCode(), k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>The spelling in the database, the queue's filter and the API: "before_candidates_set", "quiet", ...</summary>
    public static string ToCode(this ElectionPhaseKind kind) => kind switch
    {
        ElectionPhaseKind.BeforeCandidatesSet => "before_candidates_set",
        ElectionPhaseKind.CandidatesSet => "candidates_set",
        ElectionPhaseKind.VotingDay => "voting_day",
        ElectionPhaseKind.AfterVote => "after_vote",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? code, out ElectionPhaseKind kind) => ByCode.TryGetValue((code ?? "").Trim(), out kind);

    public static string AllCodes => string.Join(", ", Enum.GetValues<ElectionPhaseKind>().Select(k => k.ToCode()));

    /// <summary>For the reviewer: what the phase is called, in the words of the KPU schedule.</summary>
    public static string Describe(this ElectionPhaseKind kind) => kind switch
    {
        ElectionPhaseKind.BeforeCandidatesSet => "before the candidates were set (bakal calon)",
        ElectionPhaseKind.CandidatesSet => "candidates set (calon), before the campaign",
        ElectionPhaseKind.Campaign => "campaign period",
        ElectionPhaseKind.Quiet => "quiet period (masa tenang)",
        ElectionPhaseKind.VotingDay => "voting day",
        _ => "after the vote",
    };

    /// <summary>
    /// The rule a reviewer applies (shared/docs/domain.md): under PP 94/2021 Pasal 5 huruf n supporting a
    /// <i>calon</i> is a discipline breach; supporting a <i>bakal calon</i> is an ethics breach (PP 42/2004).
    /// </summary>
    public static string Rule(this ElectionPhaseKind kind) => kind == ElectionPhaseKind.BeforeCandidatesSet
        ? "candidates not yet set: support for a bakal calon is judged as an ethics breach (PP 42/2004, moral sanction)"
        : "candidates set: support for a calon is judged as a discipline breach (PP 94/2021 Pasal 5 huruf n)";

    /// <summary>The days on which no campaigning is allowed at all: a flag then is marked as such.</summary>
    public static bool IsNoCampaignDay(this ElectionPhaseKind kind) => kind is ElectionPhaseKind.Quiet or ElectionPhaseKind.VotingDay;
}

/// <summary>
/// One contest's KPU schedule, as its contest file states it. Dates are calendar days in Western Indonesian Time
/// (WIB), the time the KPU publishes schedules in. Only the vote day is required (a re-vote may have no campaign).
/// </summary>
/// <param name="RegionCode">BPS/Kemendagri code ("32" Jawa Barat, "32.73" Kota Bandung); null for a national contest.</param>
public sealed record ContestSchedule(
    string Id,
    string Name,
    ContestKind Kind,
    string? RegionCode,
    DateOnly? CandidatesSetOn,
    DateOnly? CampaignStart,
    DateOnly? CampaignEnd,
    DateOnly? QuietStart,
    DateOnly? QuietEnd,
    DateOnly VotingDay)
{
    /// <summary>
    /// Whether the contest concerns an account of an agency in <paramref name="regionCode"/>: national contests
    /// everywhere; a regional one in its own region and the regions inside it ("32" covers "32.73").
    /// </summary>
    public bool Covers(string regionCode) => RegionCode is null
        || string.Equals(regionCode, RegionCode, StringComparison.Ordinal)
        || regionCode.StartsWith(RegionCode + ".", StringComparison.Ordinal);

    public ElectionPhaseKind KindOn(DateOnly day) => day switch
    {
        _ when CandidatesSetOn is { } set && day < set => ElectionPhaseKind.BeforeCandidatesSet,
        _ when CampaignStart is { } start && day < start => ElectionPhaseKind.CandidatesSet,
        _ when CampaignEnd is { } end && day <= end => ElectionPhaseKind.Campaign,
        _ when QuietStart is { } quiet && day >= quiet && day <= (QuietEnd ?? quiet) => ElectionPhaseKind.Quiet,
        _ when day < VotingDay => CampaignEnd is null ? ElectionPhaseKind.CandidatesSet : ElectionPhaseKind.Quiet,
        _ when day == VotingDay => ElectionPhaseKind.VotingDay,
        _ => ElectionPhaseKind.AfterVote,
    };
}

/// <summary>Where one contest stood on a given day. <see cref="CandidatesAreSet"/> decides the rule the reviewer applies.</summary>
public sealed record ElectionPhase(ContestSchedule Contest, ElectionPhaseKind Kind)
{
    public bool CandidatesAreSet => Kind is not ElectionPhaseKind.BeforeCandidatesSet;

    /// <summary>"Pilkada 2024 Jawa Barat (gubernur): quiet period (masa tenang)".</summary>
    public string Describe() => $"{Contest.Name}: {Kind.Describe()}";
}

/// <summary>
/// The election calendar derived from the contest files (data/contests, docs/contests.md): no dates live in code.
/// A post is read against the contests in season on its day, and, when its account's agency has a region code,
/// only against the regional contests of that region.
/// </summary>
public sealed class ElectionCalendar
{
    /// <summary>How long before a vote a post is still read against that contest (the run-up: parties, bakal calon).</summary>
    public const int DaysBeforeVoteInScope = 365;

    /// <summary>How long after a vote a post is still read against that contest (results, disputes).</summary>
    public const int DaysAfterVoteInScope = 30;

    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    private readonly ContestSchedule[] contests;
    private readonly Dictionary<string, ContestSchedule> byId;

    public ElectionCalendar(IEnumerable<ContestSchedule> contests)
    {
        ArgumentNullException.ThrowIfNull(contests);
        this.contests = [.. contests.OrderBy(c => c.VotingDay).ThenBy(c => c.Id, StringComparer.Ordinal)];
        byId = this.contests.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>Every contest, by vote day then id.</summary>
    public IReadOnlyList<ContestSchedule> Contests => contests;

    public ContestSchedule? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>The post's calendar day in WIB.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Wib).DateTime);

    public static bool InSeason(ContestSchedule contest, DateOnly day) =>
        day >= contest.VotingDay.AddDays(-DaysBeforeVoteInScope) && day <= contest.VotingDay.AddDays(DaysAfterVoteInScope);

    /// <summary>
    /// The phase of every contest in season at <paramref name="at"/> that concerns <paramref name="regionCode"/>
    /// (every contest when the region is unknown), national contests first; empty outside all of them.
    /// </summary>
    public IReadOnlyList<ElectionPhase> PhasesAt(DateTimeOffset at, string? regionCode = null)
    {
        var day = DayOf(at);
        return contests
            .Where(c => InSeason(c, day) && (regionCode is null || c.Covers(regionCode)))
            .OrderBy(c => c.Kind.IsNational() ? 0 : 1)
            .Select(c => new ElectionPhase(c, c.KindOn(day)))
            .ToList();
    }

    /// <summary>The contests whose pairs an explanation names: entity keys "pair:&lt;contest&gt;/&lt;number&gt;".</summary>
    public static IEnumerable<string> ContestsNamedIn(IEnumerable<Signal> signals) => signals
        .Where(s => s.Kind == "entity" && s.Feature.StartsWith("pair:", StringComparison.Ordinal) && s.Feature.Contains('/', StringComparison.Ordinal))
        .Select(s => s.Feature[5..s.Feature.LastIndexOf('/')])
        .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The contests a flag is recorded against: those in season for the post's region, or — region unknown — the
    /// national ones and the regional ones the post names (<paramref name="namedContestIds"/>, from the classifier's
    /// explanation), so an unknown region does not tie a flag to all 545 regional contests.
    /// </summary>
    public FlagElection ElectionOf(DateTimeOffset postedAt, string? regionCode, IEnumerable<string> namedContestIds)
    {
        ArgumentNullException.ThrowIfNull(namedContestIds);
        var named = namedContestIds.ToHashSet(StringComparer.Ordinal);
        var phases = PhasesAt(postedAt, regionCode)
            .Where(p => regionCode is not null || p.Contest.Kind.IsNational() || named.Contains(p.Contest.Id))
            .ToList();
        // The phase shown first is that of a contest the post names, else of the first contest in scope.
        var primary = phases.FirstOrDefault(p => named.Contains(p.Contest.Id)) ?? phases.FirstOrDefault();
        return new FlagElection(primary?.Kind, [.. phases.Select(p => new FlagContest(p.Contest.Id, p.Kind))]);
    }
}

/// <summary>One contest a flag was recorded against, and its phase on the post's day.</summary>
public sealed record FlagContest(string ContestId, ElectionPhaseKind Phase);

/// <summary>The contests and phase a flag was recorded with. <see cref="Phase"/> is null outside any election.</summary>
public sealed record FlagElection(ElectionPhaseKind? Phase, IReadOnlyList<FlagContest> Contests)
{
    public static FlagElection None { get; } = new(null, []);

    /// <summary>Quiet period or voting day: no campaigning was allowed at all.</summary>
    public bool OnNoCampaignDay => Phase?.IsNoCampaignDay() == true;

    /// <summary>"pilpres-2024:campaign,pileg-2024:campaign": how the database and the API carry the list.</summary>
    public string ContestsCode => string.Join(',', Contests.Select(c => $"{c.ContestId}:{c.Phase.ToCode()}"));

    public static FlagElection Parse(string? phase, string? contests)
    {
        if (!ElectionPhaseKinds.TryParse(phase, out var kind))
        {
            return None;
        }
        var list = new List<FlagContest>();
        foreach (var item in (contests ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(':', 2);
            if (parts.Length == 2 && ElectionPhaseKinds.TryParse(parts[1], out var contestPhase))
            {
                list.Add(new FlagContest(parts[0], contestPhase));
            }
        }
        return new FlagElection(kind, list);
    }

    public override string ToString() => Phase is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"{p.ToCode()} ({ContestsCode})")
        : "outside any election";
}
