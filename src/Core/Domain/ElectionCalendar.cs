namespace SocialWatch.Core.Domain;

public enum ElectionContest
{
    /// <summary>The national election (president, legislatures), vote on 14 Feb 2024.</summary>
    Pemilu2024,
    /// <summary>The regional elections in 545 regions, vote on 27 Nov 2024.</summary>
    Pilkada2024,
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

/// <summary>
/// Where one contest stood on a given day. <see cref="CandidatesAreSet"/> matters to the reviewer: under PP 94/2021
/// supporting a <i>calon</i> is a discipline breach, while supporting a <i>bakal calon</i> is an ethics breach.
/// </summary>
public sealed record ElectionPhase(ElectionContest Contest, ElectionPhaseKind Kind, DateOnly CandidatesSetOn, DateOnly VotingDay)
{
    public bool CandidatesAreSet => Kind is not ElectionPhaseKind.BeforeCandidatesSet;
}

/// <summary>
/// The 2024 election calendar (shared/docs/domain.md), in Western Indonesian Time (WIB, UTC+7), the time the KPU
/// schedules are published in. A small table on purpose: it changes once per election, and reviewers must
/// check the primary texts before any legal use.
/// </summary>
public static class ElectionCalendar
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    private sealed record Contest(
        ElectionContest Name, DateOnly CandidatesSetOn, DateOnly CampaignStart, DateOnly CampaignEnd,
        DateOnly QuietStart, DateOnly QuietEnd, DateOnly VotingDay);

    private static readonly Contest[] Contests =
    [
        // KPU set the presidential pairs on 13 Nov 2023.
        new(ElectionContest.Pemilu2024, new(2023, 11, 13), new(2023, 11, 28), new(2024, 2, 10), new(2024, 2, 11), new(2024, 2, 13), new(2024, 2, 14)),
        // KPU offices set the regional pairs on 22 Sep 2024.
        new(ElectionContest.Pilkada2024, new(2024, 9, 22), new(2024, 9, 25), new(2024, 11, 23), new(2024, 11, 24), new(2024, 11, 26), new(2024, 11, 27)),
    ];

    /// <summary>How long before a vote a post is still read against that contest.</summary>
    private const int DaysBeforeVoteInScope = 365;

    /// <summary>How long after a vote a post is still read against that contest (results, disputes).</summary>
    private const int DaysAfterVoteInScope = 30;

    /// <summary>The phase of every 2024 contest that was in season at <paramref name="at"/>; empty outside them.</summary>
    public static IReadOnlyList<ElectionPhase> PhasesAt(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.ToOffset(Wib).DateTime);
        var phases = new List<ElectionPhase>();
        foreach (var contest in Contests)
        {
            if (day < contest.VotingDay.AddDays(-DaysBeforeVoteInScope) || day > contest.VotingDay.AddDays(DaysAfterVoteInScope))
            {
                continue;
            }
            phases.Add(new ElectionPhase(contest.Name, KindOn(contest, day), contest.CandidatesSetOn, contest.VotingDay));
        }
        return phases;
    }

    private static ElectionPhaseKind KindOn(Contest contest, DateOnly day) => day switch
    {
        _ when day < contest.CandidatesSetOn => ElectionPhaseKind.BeforeCandidatesSet,
        _ when day < contest.CampaignStart => ElectionPhaseKind.CandidatesSet,
        _ when day <= contest.CampaignEnd => ElectionPhaseKind.Campaign,
        _ when day >= contest.QuietStart && day <= contest.QuietEnd => ElectionPhaseKind.Quiet,
        _ when day == contest.VotingDay => ElectionPhaseKind.VotingDay,
        _ => ElectionPhaseKind.AfterVote,
    };
}
