using System.Text.Json;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Web.Tests;

/// <summary>Issue 15: every flag states the contests and phase at the post's time and the rule that follows.</summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class ElectionPhaseTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_quiet_period_flag_is_marked_and_found_by_contest_and_phase()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var id = await fixture.AddFlagAsync(await fixture.AccountOfAgencyAAsync(), $"Besok coblos nomor 4 {marker}", Label.Endorse);
        await fixture.Database.Get<IFlagRepository>().RecordElectionsAsync([(id, new FlagElection(ElectionPhaseKind.Quiet,
            [new FlagContest("pilkada-2024-jawa-barat", ElectionPhaseKind.Quiet)]))]);
        // The case report is of confirmed flags.
        await fixture.Database.Get<IFlagRepository>().RecordDecisionAsync(id, fixture.OfficerAId, DecisionKind.Confirm, ViolationCategory.OnlineCampaign,
            "ajakan mencoblos di masa tenang", new DateTimeOffset(2024, 11, 28, 0, 0, 0, TimeSpan.Zero));

        using var officer = await fixture.SignedInAsync("officer-a");
        var page = await officer.GetStringAsync($"/flags/{id}");
        var report = await officer.GetStringAsync($"/flags/{id}/report");
        var found = await officer.GetStringAsync("/queue?status=all&contest=pilkada-2024-jawa-barat&phase=quiet");
        var otherPhase = await officer.GetStringAsync("/queue?status=all&contest=pilkada-2024-jawa-barat&phase=campaign");
        using var api = JsonDocument.Parse(await officer.GetStringAsync($"/api/flags/{id}"));

        Assert.Contains("id=\"no-campaign-day\"", page, StringComparison.Ordinal);
        Assert.Contains("masa tenang", page, StringComparison.Ordinal);
        Assert.Contains("Pilkada 2024 Jawa Barat (gubernur)", page, StringComparison.Ordinal);
        Assert.Contains("pelanggaran disiplin (PP 94/2021)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"election-not-recorded\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"no-campaign-day\"", report, StringComparison.Ordinal);
        Assert.Contains("pelanggaran disiplin (PP 94/2021)", report, StringComparison.Ordinal);
        Assert.Contains($"/flags/{id}", found, StringComparison.Ordinal);
        Assert.DoesNotContain($"/flags/{fixture.FlagA}\"", found, StringComparison.Ordinal);
        Assert.DoesNotContain($"/flags/{id}", otherPhase, StringComparison.Ordinal);
        var election = api.RootElement.GetProperty("election");
        Assert.Equal(("quiet", true, true), (election.GetProperty("phase").GetString(), election.GetProperty("recorded").GetBoolean(), election.GetProperty("noCampaignDay").GetBoolean()));
        Assert.Equal("Pilkada 2024 Jawa Barat (gubernur)", election.GetProperty("contests")[0].GetProperty("name").GetString());
        Assert.Contains("PP 94/2021", election.GetProperty("rule").GetString(), StringComparison.Ordinal);
        Assert.Equal("quiet", api.RootElement.GetProperty("flag").GetProperty("electionPhase").GetString());
    }

    [Fact]
    public async Task A_flag_before_the_candidates_were_set_states_the_ethics_rule()
    {
        var id = await fixture.AddFlagAsync(await fixture.AccountOfAgencyAAsync(), "Dukung bakal calon kita", Label.Endorse);
        await fixture.Database.Get<IFlagRepository>().RecordElectionsAsync([(id, new FlagElection(ElectionPhaseKind.BeforeCandidatesSet,
            [new FlagContest("pilkada-2024-jawa-barat", ElectionPhaseKind.BeforeCandidatesSet)]))]);

        using var officer = await fixture.SignedInAsync("officer-a");
        var page = await officer.GetStringAsync($"/flags/{id}");

        Assert.Contains("bakal calon", page[page.IndexOf("id=\"election-rule\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"no-campaign-day\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flag_not_recorded_yet_is_read_against_the_contest_files_and_says_so()
    {
        // The fixture's posts are of 1 Feb 2024 (WIB), in the Pemilu 2024 campaign; their agencies have no region.
        using var officer = await fixture.SignedInAsync("officer-a");
        var page = await officer.GetStringAsync($"/flags/{fixture.FlagA}");

        Assert.Contains("id=\"election-not-recorded\"", page, StringComparison.Ordinal);
        var section = page[page.IndexOf("id=\"election-phase\"", StringComparison.Ordinal)..];
        Assert.Contains("masa kampanye", section, StringComparison.Ordinal);
        Assert.Contains("Pilpres 2024", section, StringComparison.Ordinal);
        // Region unknown and no regional pair named: not tied to any of the governor races.
        Assert.DoesNotContain("Pilkada 2024", section[..section.IndexOf("</section>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_phase_in_the_filter_is_a_clear_error()
    {
        using var officer = await fixture.SignedInAsync("officer-a");

        var response = await officer.GetAsync("/queue?phase=tenang");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tahapan &#x27;tenang&#x27; tidak dikenal (pilihan: before_candidates_set, candidates_set, campaign, quiet, voting_day, after_vote)", page, StringComparison.Ordinal);
    }
}
