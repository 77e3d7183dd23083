using System.Globalization;
using System.Net;
using System.Text.Json;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;

namespace SocialWatch.Web.Tests;

/// <summary>
/// Team triage and bulk actions (issue 16 items 2 and 3): assigning to another officer and back to nobody, due dates
/// and the overdue filter, saved filters, the workload per officer, and one decision per flag in bulk, never a
/// confirmation, never across agencies.
/// </summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class TeamTriageTests(ConsoleFixture fixture)
{
    private async Task<long[]> AddFlagsOfAAsync(int count, DateTimeOffset? flaggedAt = null)
    {
        var account = await fixture.AccountOfAgencyAAsync();
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = await fixture.AddFlagAsync(account, $"Dukung paslon 02 ya, posting massal {Guid.NewGuid():N}", Label.Endorse, flaggedAt: flaggedAt);
        }
        return ids;
    }

    /// <summary>A second officer of agency A, for assignments to someone else.</summary>
    private async Task<User> ColleagueOfAAsync()
    {
        var users = fixture.Database.Get<IUserRepository>();
        if (await users.FindByUserNameAsync("officer-a2") is { } existing)
        {
            return existing;
        }
        try
        {
            return await users.AddAsync("officer-a2", "Petugas A Dua", "a2@kotamaju.example", Role.Officer,
                new PasswordHasher(PasswordHasher.MinimumIterations).Hash(ConsoleFixture.Password), [fixture.AgencyA.Id], DateTimeOffset.UtcNow);
        }
        catch (DomainValidationException)
        {
            return (await users.FindByUserNameAsync("officer-a2"))!; // added by a test running alongside
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Bulk(string action, IEnumerable<long> ids, string? reason = null, string? assignee = null, string? label = null) =>
        [
            new("bulkAction", action),
            .. ids.Select(id => KeyValuePair.Create("ids", id.ToString(CultureInfo.InvariantCulture))),
            new("reason", reason ?? ""),
            new("decisionLabel", label ?? ""),
            new("assignee", assignee ?? ""),
        ];

    private Task<FlagDetail?> DetailAsync(long id) => fixture.Database.Get<IFlagRepository>().GetDetailAsync(id);

    [Fact]
    public async Task A_bulk_dismissal_is_one_decision_and_one_audit_entry_per_flag()
    {
        var ids = await AddFlagsOfAAsync(3);
        using var officer = await fixture.SignedInAsync("officer-a");

        var queue = await officer.GetStringAsync("/queue?status=all&page=1");
        var bulkForm = queue[queue.IndexOf("<form method=\"post\" action=\"/queue?handler=Bulk&amp;status=all\" id=\"bulk-form\"", StringComparison.Ordinal)..];
        Assert.Contains("name=\"__RequestVerificationToken\"", bulkForm[..bulkForm.IndexOf("</form>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/queue?handler=SaveFilter&amp;status=all\"", queue, StringComparison.Ordinal);
        Assert.Contains($"<input type=\"checkbox\" name=\"ids\" value=\"{ids[0]}\" form=\"bulk-form\"", queue, StringComparison.Ordinal);

        var response = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk&status=all", Bulk("dismiss", ids, "  ajakan umum, bukan kampanye  ", label: "civic"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("3 tanda ditolak.", await officer.GetStringAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);
        foreach (var id in ids)
        {
            var detail = (await DetailAsync(id))!;
            Assert.Equal(FlagStatus.Dismissed, detail.Flag.Status);
            var decision = Assert.Single(detail.History);
            Assert.Equal((DecisionKind.Dismiss, "ajakan umum, bukan kampanye", Label.Civic, fixture.OfficerAId), (decision.Kind, decision.Reason, decision.Label, decision.UserId));
        }
        var audit = await fixture.Database.Get<IAuditLog>().QueryAsync(null, null, "officer-a", "flag.dismiss", 0, 1000);
        foreach (var id in ids)
        {
            var entry = Assert.Single(audit, e => e.Subject == $"flag:{id}");
            Assert.Equal("bulk of 3; label=civic; reason=ajakan umum, bukan kampanye", entry.Details);
        }

        // Dismissing them again skips them: a closed flag keeps its decision.
        var again = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk", Bulk("dismiss", ids, "lagi", label: "civic"));
        Assert.Contains("3 tanda sudah ditutup", await officer.GetStringAsync(again.Headers.Location!.OriginalString), StringComparison.Ordinal);
        foreach (var id in ids)
        {
            Assert.Single((await DetailAsync(id))!.History);
        }
    }

    [Fact]
    public async Task A_bulk_dismissal_asks_what_the_posts_are_instead_and_each_dismissal_is_exported_as_a_training_example()
    {
        var ids = await AddFlagsOfAAsync(3);
        using var officer = await fixture.SignedInAsync("officer-a");

        // The bulk form offers the single dismissal's choice: civic or other, never a label that is a flag.
        var queue = await officer.GetStringAsync("/queue?status=all&page=1");
        var bulkForm = queue[queue.IndexOf("id=\"bulk-form\"", StringComparison.Ordinal)..];
        var select = bulkForm[bulkForm.IndexOf("<select name=\"decisionLabel\" id=\"bulk-dismiss-label\">", StringComparison.Ordinal)..];
        Assert.Equal(["", "civic", "other"], System.Text.RegularExpressions.Regex.Matches(select[..select.IndexOf("</select>", StringComparison.Ordinal)],
            "<option value=\"([^\"]*)\"").Select(m => m.Groups[1].Value));

        var noLabel = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk", Bulk("dismiss", ids, "ajakan kerja bakti"));
        var flagLabel = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk", Bulk("dismiss", ids, "ajakan kerja bakti", label: "endorse"));
        var unknownLabel = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk", Bulk("dismiss", ids, "ajakan kerja bakti", label: "netral"));

        Assert.Equal(HttpStatusCode.BadRequest, noLabel.StatusCode);
        Assert.Contains("penolakan massal memerlukan keterangan unggahan itu sebenarnya: kewargaan atau lainnya", await noLabel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, flagLabel.StatusCode);
        Assert.Contains("label penolakan adalah kewargaan atau lainnya", await flagLabel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownLabel.StatusCode);
        foreach (var id in ids)
        {
            Assert.Empty((await DetailAsync(id))!.History);
        }

        var dismissed = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk", Bulk("dismiss", ids, "ajakan kerja bakti", label: "other"));

        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        foreach (var id in ids)
        {
            var decision = Assert.Single((await DetailAsync(id))!.History);
            Assert.Equal((DecisionKind.Dismiss, Label.Other), (decision.Kind, decision.Label));
        }
        // What `socialwatch model export-decisions` writes: each dismissed post, labelled as the officer said.
        var examples = await new SocialWatch.Core.Learning.DecisionExampleSource(fixture.Database.Get<IDecisionExampleRepository>()).LoadAsync();
        var exported = examples.Examples.Where(e => ids.Select(id => $"flag-{id}").Contains(e.Id)).ToList();
        Assert.Equal(ids.Length, exported.Count);
        Assert.All(exported, e => Assert.Equal(Label.Other, e.Label));
    }

    [Fact]
    public async Task A_confirmation_is_never_bulk_and_a_dismissal_needs_its_reason()
    {
        var ids = await AddFlagsOfAAsync(2);
        using var officer = await fixture.SignedInAsync("officer-a");

        var confirm = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk",
            [.. Bulk("confirm", ids, "semua kampanye"), new("category", "OnlineCampaign")]);
        var noReason = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk", Bulk("dismiss", ids, " ", label: "civic"));
        var nothingTicked = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk", Bulk("dismiss", [], "bukan", label: "civic"));
        var unknown = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk", Bulk("escalate", ids, "naik"));

        Assert.Equal(HttpStatusCode.BadRequest, confirm.StatusCode);
        Assert.Contains("satu per satu", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("konfirmasi setiap tanda di halamannya sendiri", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nothingTicked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        foreach (var id in ids)
        {
            var detail = (await DetailAsync(id))!;
            Assert.Equal(FlagStatus.Open, detail.Flag.Status);
            Assert.Empty(detail.History);
        }
    }

    [Fact]
    public async Task Another_agencys_flag_id_in_a_bulk_action_or_assignment_fails_like_a_missing_one_and_changes_nothing()
    {
        var own = await AddFlagsOfAAsync(2);
        using var officer = await fixture.SignedInAsync("officer-a");
        var colleague = (await ColleagueOfAAsync()).Id.ToString(CultureInfo.InvariantCulture);

        var foreign = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk", Bulk("dismiss", [.. own, fixture.FlagB], "mencoba", label: "civic"));
        var missing = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk", Bulk("dismiss", [.. own, 99_999_999], "mencoba", label: "civic"));
        var foreignAssign = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk", Bulk("assign", [fixture.FlagB], assignee: colleague));
        var foreignNote = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk", Bulk("note", [fixture.FlagB], "catatan"));
        var assignTo = await ConsoleFixture.PostFormAsync(officer, "/queue", $"/flags/{fixture.FlagB}?handler=AssignTo", new Dictionary<string, string> { ["assignee"] = colleague });
        var unassign = await ConsoleFixture.PostFormAsync(officer, "/queue", $"/flags/{fixture.FlagB}?handler=AssignTo", new Dictionary<string, string> { ["assignee"] = "" });

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(missing.StatusCode, foreign.StatusCode);
        Assert.Equal(await missing.Content.ReadAsStringAsync(), await foreign.Content.ReadAsStringAsync());
        Assert.All([foreignAssign, foreignNote, assignTo, unassign], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        foreach (var id in own)
        {
            Assert.Empty((await DetailAsync(id))!.History); // all or nothing: the own flags of a refused request stay untouched
        }
        var flagB = (await DetailAsync(fixture.FlagB))!;
        Assert.Equal((FlagStatus.Open, (long?)null), (flagB.Flag.Status, flagB.Flag.AssigneeUserId));
        Assert.Empty(flagB.History);
    }

    [Fact]
    public async Task A_flag_goes_to_another_officer_of_the_agency_everyone_sees_the_claim_and_it_can_go_back_to_nobody()
    {
        var id = (await AddFlagsOfAAsync(1))[0];
        var colleague = await ColleagueOfAAsync();
        var officerB = (await fixture.Database.Get<IUserRepository>().FindByUserNameAsync("officer-b"))!;
        using var officer = await fixture.SignedInAsync("officer-a");

        var page = await officer.GetStringAsync($"/flags/{id}");
        Assert.Contains($"<option value=\"{colleague.Id}\">Petugas A Dua (officer-a2)</option>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("officer-b", page, StringComparison.Ordinal);

        var toB = await ConsoleFixture.PostFormAsync(officer, $"/flags/{id}", $"/flags/{id}?handler=AssignTo",
            new Dictionary<string, string> { ["assignee"] = officerB.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.BadRequest, toB.StatusCode);
        Assert.Empty((await DetailAsync(id))!.History);

        var assigned = await ConsoleFixture.PostFormAsync(officer, $"/flags/{id}", $"/flags/{id}?handler=AssignTo",
            new Dictionary<string, string> { ["assignee"] = colleague.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var detail = (await DetailAsync(id))!;
        Assert.Equal((FlagStatus.InReview, (long?)colleague.Id), (detail.Flag.Status, detail.Flag.AssigneeUserId));
        Assert.Contains("ditugaskan kepada Petugas A Dua (officer-a2)", await officer.GetStringAsync($"/flags/{id}"), StringComparison.Ordinal);
        using (var auditor = await fixture.SignedInAsync("auditor"))
        {
            var queue = await auditor.GetStringAsync("/queue?status=in_review&sort=newest");
            var row = queue[queue.IndexOf($"data-href=\"/flags/{id}", StringComparison.Ordinal)..];
            row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
            Assert.Contains("Petugas A Dua", row[row.IndexOf("class=\"assignee\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        }

        var released = await ConsoleFixture.PostFormAsync(officer, $"/flags/{id}", $"/flags/{id}?handler=AssignTo", new Dictionary<string, string> { ["assignee"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        detail = (await DetailAsync(id))!;
        Assert.Equal((FlagStatus.Open, (long?)null), (detail.Flag.Status, detail.Flag.AssigneeUserId));
        Assert.Equal([colleague.Id, (long?)null], detail.History.Select(h => h.AssigneeUserId));
        var audit = await fixture.Database.Get<IAuditLog>().QueryAsync(null, null, "officer-a", null, 0, 1000);
        Assert.Contains(audit, e => e.Subject == $"flag:{id}" && e.Action == "flag.assign" && e.Details == "assignee=officer-a2");
        Assert.Contains(audit, e => e.Subject == $"flag:{id}" && e.Action == "flag.unassign");
    }

    [Fact]
    public async Task Bulk_assignment_shows_in_the_workload_and_the_overdue_filter_leaves_out_flags_within_their_deadline()
    {
        var old = await AddFlagsOfAAsync(2);
        var fresh = (await AddFlagsOfAAsync(1, DateTimeOffset.UtcNow))[0];
        var colleague = await ColleagueOfAAsync();
        using var officer = await fixture.SignedInAsync("officer-a");

        var assign = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=Bulk",
            Bulk("assign", [.. old, fresh], assignee: colleague.Id.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, assign.StatusCode);

        var overdue = await officer.GetStringAsync("/queue?overdue=true&sort=due&status=in_review");
        Assert.Contains($"data-href=\"/flags/{old[0]}", overdue, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-href=\"/flags/{fresh}", overdue, StringComparison.Ordinal);
        var all = await officer.GetStringAsync("/queue?status=in_review&sort=newest");
        Assert.Contains($"data-href=\"/flags/{fresh}", all, StringComparison.Ordinal);
        var freshRow = all[all.IndexOf($"data-href=\"/flags/{fresh}", StringComparison.Ordinal)..];
        Assert.DoesNotContain("overdue-marker", freshRow[..freshRow.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("lewat tenggat", overdue, StringComparison.Ordinal);

        using var api = JsonDocument.Parse(await officer.GetStringAsync("/api/dashboard"));
        var load = api.RootElement.GetProperty("workload").EnumerateArray().Single(w => w.GetProperty("userName").GetString() == "officer-a2");
        Assert.True(load.GetProperty("assigned").GetInt32() >= 3);
        Assert.True(load.GetProperty("overdue").GetInt32() >= 2);
        Assert.True(load.GetProperty("assigned").GetInt32() > load.GetProperty("overdue").GetInt32());
        Assert.Contains("Beban kerja per petugas", await officer.GetStringAsync("/"), StringComparison.Ordinal);
        using var apiList = JsonDocument.Parse(await officer.GetStringAsync("/api/flags?overdue=true&status=all&pageSize=500"));
        var listed = apiList.RootElement.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(old[0], listed);
        Assert.DoesNotContain(fresh, listed);
    }

    [Fact]
    public async Task Saved_filters_are_each_users_own()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        using var auditor = await fixture.SignedInAsync("auditor");
        var name = "Lewat tenggat " + Guid.NewGuid().ToString("N")[..6];

        var saved = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=SaveFilter&overdue=true&sort=due&label=endorse",
            new Dictionary<string, string> { ["name"] = name });
        var unnamed = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=SaveFilter", new Dictionary<string, string> { ["name"] = " " });
        var badFilter = await ConsoleFixture.PostFormAsync(officer, "/queue", "/queue?handler=SaveFilter&status=bogus", new Dictionary<string, string> { ["name"] = "x" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        var filter = Assert.Single(await fixture.Database.Get<ISavedFilterRepository>().ListAsync(fixture.OfficerAId), f => f.Name == name);
        Assert.Equal("?label=endorse&sort=due&overdue=true", filter.Query);
        Assert.Contains($"<a href=\"/queue?label=endorse&amp;sort=due&amp;overdue=true\">{name}</a>", await officer.GetStringAsync("/queue"), StringComparison.Ordinal);
        Assert.DoesNotContain(name, await auditor.GetStringAsync("/queue"), StringComparison.Ordinal);

        var othersDelete = await ConsoleFixture.PostFormAsync(auditor, "/queue", $"/queue?handler=DeleteFilter&filterId={filter.Id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, othersDelete.StatusCode);
        var ownDelete = await ConsoleFixture.PostFormAsync(officer, "/queue", $"/queue?handler=DeleteFilter&filterId={filter.Id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, ownDelete.StatusCode);
        Assert.DoesNotContain(await fixture.Database.Get<ISavedFilterRepository>().ListAsync(fixture.OfficerAId), f => f.Name == name);
    }
}
