using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Tests.Domain;

public sealed class ElectionCalendarTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    [Theory]
    [InlineData(2023, 11, 1, ElectionPhaseKind.BeforeCandidatesSet)]
    [InlineData(2023, 11, 20, ElectionPhaseKind.CandidatesSet)]
    [InlineData(2023, 11, 28, ElectionPhaseKind.Campaign)]
    [InlineData(2024, 2, 10, ElectionPhaseKind.Campaign)]
    [InlineData(2024, 2, 11, ElectionPhaseKind.Quiet)]
    [InlineData(2024, 2, 13, ElectionPhaseKind.Quiet)]
    [InlineData(2024, 2, 14, ElectionPhaseKind.VotingDay)]
    [InlineData(2024, 2, 20, ElectionPhaseKind.AfterVote)]
    public void Pemilu_phases_follow_the_KPU_schedule(int year, int month, int day, ElectionPhaseKind expected)
    {
        var phase = Assert.Single(ElectionCalendar.PhasesAt(new DateTimeOffset(year, month, day, 12, 0, 0, Wib)), p => p.Contest == ElectionContest.Pemilu2024);

        Assert.Equal(expected, phase.Kind);
        Assert.Equal(expected != ElectionPhaseKind.BeforeCandidatesSet, phase.CandidatesAreSet);
    }

    [Theory]
    [InlineData(2024, 9, 20, ElectionPhaseKind.BeforeCandidatesSet)]
    [InlineData(2024, 9, 25, ElectionPhaseKind.Campaign)]
    [InlineData(2024, 11, 23, ElectionPhaseKind.Campaign)]
    [InlineData(2024, 11, 24, ElectionPhaseKind.Quiet)]
    [InlineData(2024, 11, 26, ElectionPhaseKind.Quiet)]
    [InlineData(2024, 11, 27, ElectionPhaseKind.VotingDay)]
    public void Pilkada_phases_follow_the_KPU_schedule(int year, int month, int day, ElectionPhaseKind expected)
    {
        var phase = Assert.Single(ElectionCalendar.PhasesAt(new DateTimeOffset(year, month, day, 12, 0, 0, Wib)), p => p.Contest == ElectionContest.Pilkada2024);

        Assert.Equal(expected, phase.Kind);
    }

    [Fact]
    public void The_day_is_taken_in_WIB_not_UTC()
    {
        // 10 Feb 2024 18:30 UTC is already 11 Feb 01:30 WIB: the quiet period, not the campaign.
        var phase = Assert.Single(ElectionCalendar.PhasesAt(new DateTimeOffset(2024, 2, 10, 18, 30, 0, TimeSpan.Zero)), p => p.Contest == ElectionContest.Pemilu2024);

        Assert.Equal(ElectionPhaseKind.Quiet, phase.Kind);
    }

    [Fact]
    public void Posts_far_from_any_contest_have_no_phase()
    {
        Assert.Empty(ElectionCalendar.PhasesAt(new DateTimeOffset(2021, 6, 1, 0, 0, 0, Wib)));
        Assert.Empty(ElectionCalendar.PhasesAt(new DateTimeOffset(2026, 6, 1, 0, 0, 0, Wib)));
    }
}
