using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Tests.Domain;

public sealed class ElectionCalendarTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    // The calendar knows only what it is given (the contest files in production): these are test schedules.
    private static readonly ContestSchedule National = new("pilpres-x", "Pilpres X", ContestKind.Pilpres, null,
        new(2023, 11, 13), new(2023, 11, 28), new(2024, 2, 10), new(2024, 2, 11), new(2024, 2, 13), new(2024, 2, 14));

    private static readonly ContestSchedule Province = new("pilgub-32", "Pilgub 32", ContestKind.Pilgub, "32",
        new(2024, 9, 22), new(2024, 9, 25), new(2024, 11, 23), new(2024, 11, 24), new(2024, 11, 26), new(2024, 11, 27));

    private static readonly ContestSchedule OtherProvince = Province with { Id = "pilgub-33", Name = "Pilgub 33", RegionCode = "33" };

    private static readonly ContestSchedule Revote = new("psu-32.73", "PSU Kota 32.73", ContestKind.Psu, "32.73",
        null, null, null, null, null, new(2025, 2, 22));

    private static readonly ElectionCalendar Calendar = new([Province, National, OtherProvince, Revote]);

    private static DateTimeOffset Noon(int year, int month, int day) => new(year, month, day, 12, 0, 0, Wib);

    [Theory]
    [InlineData(2023, 11, 1, ElectionPhaseKind.BeforeCandidatesSet)]
    [InlineData(2023, 11, 20, ElectionPhaseKind.CandidatesSet)]
    [InlineData(2023, 11, 28, ElectionPhaseKind.Campaign)]
    [InlineData(2024, 2, 10, ElectionPhaseKind.Campaign)]
    [InlineData(2024, 2, 11, ElectionPhaseKind.Quiet)]
    [InlineData(2024, 2, 13, ElectionPhaseKind.Quiet)]
    [InlineData(2024, 2, 14, ElectionPhaseKind.VotingDay)]
    [InlineData(2024, 2, 20, ElectionPhaseKind.AfterVote)]
    public void Phases_follow_the_schedule_of_the_file(int year, int month, int day, ElectionPhaseKind expected)
    {
        var phase = Assert.Single(Calendar.PhasesAt(Noon(year, month, day)), p => p.Contest.Id == "pilpres-x");

        Assert.Equal(expected, phase.Kind);
        Assert.Equal(expected != ElectionPhaseKind.BeforeCandidatesSet, phase.CandidatesAreSet);
    }

    [Fact]
    public void The_day_is_taken_in_WIB_not_UTC()
    {
        // 10 Feb 2024 18:30 UTC is already 11 Feb 01:30 WIB: the quiet period, not the campaign.
        var phase = Assert.Single(Calendar.PhasesAt(new DateTimeOffset(2024, 2, 10, 18, 30, 0, TimeSpan.Zero)), p => p.Contest.Id == "pilpres-x");

        Assert.Equal(ElectionPhaseKind.Quiet, phase.Kind);
    }

    [Fact]
    public void Posts_far_from_any_contest_have_no_phase()
    {
        Assert.Empty(Calendar.PhasesAt(Noon(2021, 6, 1)));
        Assert.Empty(Calendar.PhasesAt(Noon(2026, 12, 1)));
    }

    [Fact]
    public void A_known_region_keeps_national_contests_and_its_own_regional_ones()
    {
        // The presidential quiet period, ten months before the regional votes (in season: 365 days before a vote).
        var day = Noon(2024, 2, 12);

        Assert.Equal(["pilpres-x", "pilgub-32"], Calendar.PhasesAt(day, "32.73").Select(p => p.Contest.Id));
        Assert.Equal(["pilpres-x", "pilgub-33"], Calendar.PhasesAt(day, "33").Select(p => p.Contest.Id));
        Assert.Equal(["pilpres-x", "pilgub-32", "pilgub-33"], Calendar.PhasesAt(day).Select(p => p.Contest.Id));
        // "32" covers "32.73", not "3": region codes are compared part by part.
        Assert.False(Province.Covers("3"));
        Assert.False(Revote.Covers("32"));
        Assert.Equal(["pilgub-32", "psu-32.73"], Calendar.PhasesAt(Noon(2024, 11, 25), "32.73").Select(p => p.Contest.Id));
    }

    [Fact]
    public void A_revote_without_a_campaign_has_candidates_until_its_day()
    {
        Assert.Equal(ElectionPhaseKind.CandidatesSet, Revote.KindOn(new(2025, 2, 1)));
        Assert.Equal(ElectionPhaseKind.VotingDay, Revote.KindOn(new(2025, 2, 22)));
    }

    [Fact]
    public void A_flag_without_a_region_is_tied_to_national_contests_and_the_ones_it_names()
    {
        var day = Noon(2024, 2, 12);

        var unnamed = Calendar.ElectionOf(day, null, []);
        Assert.Equal(["pilpres-x"], unnamed.Contests.Select(c => c.ContestId));
        Assert.Equal(ElectionPhaseKind.Quiet, unnamed.Phase);
        Assert.True(unnamed.OnNoCampaignDay);

        // The phase of the contest the post names comes first: here its candidates are still bakal calon.
        var named = Calendar.ElectionOf(day, null, ["pilgub-33"]);
        Assert.Equal(["pilpres-x", "pilgub-33"], named.Contests.Select(c => c.ContestId));
        Assert.Equal(ElectionPhaseKind.BeforeCandidatesSet, named.Phase);
        Assert.False(named.OnNoCampaignDay);

        var regional = Calendar.ElectionOf(day, "32", []);
        Assert.Equal("pilpres-x:quiet,pilgub-32:before_candidates_set", regional.ContestsCode);
        Assert.Equal(regional.ContestsCode, FlagElection.Parse("quiet", regional.ContestsCode).ContestsCode);
        Assert.Equal(ElectionPhaseKind.Quiet, FlagElection.Parse("quiet", regional.ContestsCode).Phase);
        Assert.Same(FlagElection.None, FlagElection.Parse("none", null));
    }

    [Fact]
    public void Outside_any_election_a_flag_has_no_phase()
    {
        var none = Calendar.ElectionOf(Noon(2026, 12, 1), "32", []);

        Assert.Null(none.Phase);
        Assert.Empty(none.Contests);
        Assert.False(none.OnNoCampaignDay);
    }

    [Fact]
    public void The_rule_depends_on_whether_candidates_are_set()
    {
        Assert.Contains("bakal calon", ElectionPhaseKind.BeforeCandidatesSet.Rule(), StringComparison.Ordinal);
        Assert.Contains("PP 94/2021", ElectionPhaseKind.Campaign.Rule(), StringComparison.Ordinal);
    }
}
