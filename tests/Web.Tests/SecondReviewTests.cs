using System.Globalization;
using System.Net;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Web.Tests;

/// <summary>
/// Correctable, two-person decisions through the console's forms: a confirmation waits for a second officer of the
/// agency, a decided flag is reopened with a reason, an escalation goes to the supervisor queue. Every new form for
/// every role, other agencies' ids (not found, nothing recorded), the antiforgery token, and second review turned off.
/// </summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class SecondReviewTests(ConsoleFixture fixture)
{
    private IFlagRepository Flags => fixture.Database.Get<IFlagRepository>();

    private async Task<long> NewFlagAAsync(string text) => await fixture.AddFlagAsync(await fixture.AccountOfAgencyAAsync(), text, Label.Campaign);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, long flagId, string handler, Dictionary<string, string> fields) =>
        ConsoleFixture.PostFormAsync(client, "/", $"/flags/{flagId}?handler={handler}", fields);

    private static Dictionary<string, string> ConfirmFields() => new() { ["category"] = "OnlineCampaign", ["reason"] = "ajakan mencoblos" };

    private async Task<FlagDetail> DetailAsync(long flagId) => (await Flags.GetDetailAsync(flagId))!;

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(long flagId) =>
        [.. (await fixture.Database.Get<IAuditLog>().QueryAsync(null, null, null, null, 0, 100_000)).Where(e => e.Subject == $"flag:{flagId}" && e.Action != AuditActions.FlagViewed)];

    [Fact]
    public async Task A_confirmation_is_final_and_reported_only_after_a_different_officer_agrees()
    {
        var flagId = await NewFlagAAsync("Ayo coblos nomor 2, dua periode!");
        using var first = await fixture.SignedInAsync("officer-a");
        using var second = await fixture.SignedInAsync("officer-a2");

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(first, flagId, "Confirm", ConfirmFields())).StatusCode);
        Assert.Equal(FlagStatus.AwaitingSecondReview, (await DetailAsync(flagId)).Flag.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync($"/flags/{flagId}/report")).StatusCode);
        Assert.DoesNotContain(await fixture.Database.Get<IDecisionExampleRepository>().ListDecidedAsync(), d => d.FlagId == flagId);
        Assert.Contains("awaiting second review", Assert.Single(await AuditAsync(flagId), e => e.Action == "flag.confirm").Details, StringComparison.Ordinal);

        // The officer who confirmed cannot be their own second reviewer: refused on the server, in Indonesian, nothing recorded.
        var own = await PostAsync(first, flagId, "Agree", new() { ["reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Contains("Anda sendiri yang mengonfirmasi tanda ini", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([DecisionKind.Confirm], (await DetailAsync(flagId)).History.Select(h => h.Kind));
        Assert.DoesNotContain("id=\"agree-form\"", await first.GetStringAsync($"/flags/{flagId}"), StringComparison.Ordinal);

        Assert.Contains("id=\"agree-form\"", await second.GetStringAsync($"/flags/{flagId}"), StringComparison.Ordinal);
        // Awaiting, it is nobody's until the second officer claims it.
        Assert.Null((await DetailAsync(flagId)).Flag.AssigneeUserId);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(second, flagId, "Assign", new())).StatusCode);
        Assert.Equal((FlagStatus.AwaitingSecondReview, (long?)fixture.OfficerA2Id), ((await DetailAsync(flagId)).Flag.Status, (await DetailAsync(flagId)).Flag.AssigneeUserId));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(second, flagId, "Agree", new() { ["reason"] = "setuju, ajakan jelas" })).StatusCode);

        var detail = await DetailAsync(flagId);
        Assert.Equal(FlagStatus.Confirmed, detail.Flag.Status);
        Assert.Equal([(DecisionKind.Confirm, fixture.OfficerAId), (DecisionKind.Assign, fixture.OfficerA2Id), (DecisionKind.Agree, fixture.OfficerA2Id)], detail.History.Select(h => (h.Kind, h.UserId)));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/flags/{flagId}/report")).StatusCode);
        Assert.Contains(await fixture.Database.Get<IDecisionExampleRepository>().ListDecidedAsync(), d => d.FlagId == flagId && d.Kind == DecisionKind.Confirm);
        Assert.Contains(await AuditAsync(flagId), e => e.Actor == "officer-a2" && e.Action == "flag.agree" && e.Details == "setuju, ajakan jelas");
        // Agreeing twice finds nothing awaiting.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(second, flagId, "Agree", new() { ["reason"] = "" })).StatusCode);
    }

    [Fact]
    public async Task Disagreeing_needs_a_reason_and_returns_the_flag_to_the_queue_or_escalates_it()
    {
        var back = await NewFlagAAsync("Pilih yang muda, pilih 02");
        var up = await NewFlagAAsync("Relawan 02 kumpul di balai desa");
        using var first = await fixture.SignedInAsync("officer-a");
        using var second = await fixture.SignedInAsync("officer-a2");
        await PostAsync(first, back, "Assign", new());
        await PostAsync(first, back, "Confirm", ConfirmFields());
        await PostAsync(first, up, "Confirm", ConfirmFields());

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(second, back, "Disagree", new() { ["reason"] = " " })).StatusCode);
        Assert.Equal(FlagStatus.AwaitingSecondReview, (await DetailAsync(back)).Flag.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(second, back, "Disagree", new() { ["reason"] = "hanya dukungan pribadi, bukan ajakan" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(second, up, "Disagree", new() { ["reason"] = "perlu pendapat supervisor", ["escalateAfter"] = "true" })).StatusCode);

        var returned = await DetailAsync(back);
        Assert.Equal((FlagStatus.Open, (long?)null), (returned.Flag.Status, returned.Flag.AssigneeUserId));
        Assert.Equal([DecisionKind.Assign, DecisionKind.Confirm, DecisionKind.Disagree], returned.History.Select(h => h.Kind));
        var escalated = await DetailAsync(up);
        Assert.Equal(FlagStatus.Escalated, escalated.Flag.Status);
        Assert.Equal([DecisionKind.Confirm, DecisionKind.Disagree, DecisionKind.Escalate], escalated.History.Select(h => h.Kind));
        using var supervisor = await fixture.SignedInAsync("supervisor-a");
        var queue = await supervisor.GetStringAsync("/supervisor");
        Assert.Contains($"href=\"/flags/{up}\"", queue, StringComparison.Ordinal);
        Assert.Contains("perlu pendapat supervisor", queue, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/flags/{back}\"", queue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decided_flag_is_reopened_with_a_reason_and_keeps_its_history()
    {
        var flagId = await NewFlagAAsync("Kaos paslon dibagikan di kantor");
        await Flags.RecordDecisionAsync(flagId, fixture.OfficerAId, DecisionKind.Dismiss, null, "bukan kampanye", DateTimeOffset.UtcNow);
        using var officer = await fixture.SignedInAsync("officer-a2");

        Assert.Contains("id=\"reopen-form\"", await officer.GetStringAsync($"/flags/{flagId}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(officer, flagId, "Reopen", new() { ["reason"] = "" })).StatusCode);
        Assert.Equal(FlagStatus.Dismissed, (await DetailAsync(flagId)).Flag.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(officer, flagId, "Reopen", new() { ["reason"] = "foto kaos bernomor urut ditemukan" })).StatusCode);

        var detail = await DetailAsync(flagId);
        Assert.Equal(FlagStatus.Open, detail.Flag.Status);
        Assert.Equal([(DecisionKind.Dismiss, "bukan kampanye"), (DecisionKind.Reopen, "foto kaos bernomor urut ditemukan")], detail.History.Select(h => (h.Kind, h.Reason!)));
        Assert.Contains(await AuditAsync(flagId), e => e.Actor == "officer-a2" && e.Action == "flag.reopen" && e.Details == "from=dismissed; reason=foto kaos bernomor urut ditemukan");
        // Reopened, it is decided afresh; reopening an open flag is refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(officer, flagId, "Reopen", new() { ["reason"] = "lagi" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(officer, flagId, "Dismiss", new() { ["reason"] = "kaos lama, sebelum masa kampanye", ["decisionLabel"] = "other" })).StatusCode);
        Assert.Equal(FlagStatus.Dismissed, (await DetailAsync(flagId)).Flag.Status);
    }

    [Fact]
    public async Task An_escalated_flag_waits_in_the_supervisor_queue_and_only_a_supervisor_decides_it()
    {
        var confirmed = await NewFlagAAsync("Spanduk paslon di pagar kantor dinas");
        var returned = await NewFlagAAsync("Grup WA kantor bagikan jadwal kampanye");
        using var officer = await fixture.SignedInAsync("officer-a");
        using var supervisor = await fixture.SignedInAsync("supervisor-a");

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(officer, confirmed, "Escalate", new() { ["reason"] = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(officer, confirmed, "Escalate", new() { ["reason"] = "spanduk di aset pemerintah: perlu supervisor" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(officer, returned, "Escalate", new() { ["reason"] = "grup kantor, ragu" })).StatusCode);

        var refused = await PostAsync(officer, confirmed, "Confirm", ConfirmFields());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("supervisor instansi yang memutuskannya", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(officer, returned, "Reopen", new() { ["reason"] = "kembalikan" })).StatusCode);

        var queue = await supervisor.GetStringAsync("/supervisor");
        Assert.Contains("spanduk di aset pemerintah: perlu supervisor", queue, StringComparison.Ordinal);
        Assert.Contains("Petugas A (officer-a)", queue, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(supervisor, confirmed, "Confirm", ConfirmFields())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(supervisor, returned, "Reopen", new() { ["reason"] = "petugas yang memutuskan: bukan kasus sulit" })).StatusCode);

        // The supervisor's confirmation also waits for a second person; the officer who escalated may give it.
        Assert.Equal(FlagStatus.AwaitingSecondReview, (await DetailAsync(confirmed)).Flag.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(officer, confirmed, "Agree", new() { ["reason"] = "" })).StatusCode);
        Assert.Equal(FlagStatus.Confirmed, (await DetailAsync(confirmed)).Flag.Status);
        Assert.Equal(FlagStatus.Open, (await DetailAsync(returned)).Flag.Status);
        var after = await supervisor.GetStringAsync("/supervisor");
        Assert.DoesNotContain($"href=\"/flags/{confirmed}\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/flags/{returned}\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_new_forms_are_for_officers_and_supervisors_only()
    {
        // Each role posts against its own flag in the state the form needs; columns: anonymous, admin, officer, auditor, supervisor.
        string[] actors = ["anonymous", "admin", "officer-a", "auditor", "supervisor-a"];
        string[] expected = ["signin", "denied", "302", "denied", "302"];
        var cases = new (string Handler, Func<Task<long>> Flag, Dictionary<string, string> Fields)[]
        {
            ("Reopen", async () => await ConfirmedAsync("rute buka kembali"), new() { ["reason"] = "bukti baru" }),
            ("Agree", async () => await AwaitingAsync("rute setuju", fixture.OfficerA2Id), new() { ["reason"] = "" }),
            ("Disagree", async () => await AwaitingAsync("rute tidak setuju", fixture.OfficerA2Id), new() { ["reason"] = "bukan ajakan" }),
            ("Escalate", async () => await NewFlagAAsync("rute eskalasi"), new() { ["reason"] = "perlu supervisor" }),
        };
        foreach (var (handler, flag, fields) in cases)
        {
            for (var i = 0; i < actors.Length; i++)
            {
                var flagId = await flag();
                using var client = actors[i] == "anonymous" ? fixture.Anonymous() : await fixture.SignedInAsync(actors[i]);
                using var response = await ConsoleFixture.PostFormAsync(client, actors[i] == "anonymous" ? "/signin" : "/", $"/flags/{flagId}?handler={handler}", new(fields));
                var location = response.Headers.Location is { } to ? to.IsAbsoluteUri ? to.PathAndQuery : to.OriginalString : "";
                var outcome = response.StatusCode != HttpStatusCode.Redirect ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)
                    : location.StartsWith("/signin", StringComparison.Ordinal) ? "signin"
                    : location.StartsWith("/denied", StringComparison.Ordinal) ? "denied"
                    : "302";
                Assert.True(expected[i] == outcome, $"POST {handler} as {actors[i]}: expected {expected[i]}, got {outcome}");
                var recorded = (await DetailAsync(flagId)).History.Any(h => h.Kind.ToString() == handler);
                Assert.Equal(outcome == "302", recorded);
            }
        }
    }

    [Fact]
    public async Task Another_agencys_flags_are_not_found_and_nothing_is_recorded()
    {
        var awaiting = await AwaitingAsync("rute lintas instansi", fixture.OfficerAId);
        var confirmed = await ConfirmedAsync("rute lintas instansi, final");
        var open = await NewFlagAAsync("rute lintas instansi, terbuka");
        using var officerB = await fixture.SignedInAsync("officer-b");
        var before = await fixture.Database.Get<IAuditLog>().QueryAsync(null, null, "officer-b", null, 0, 100_000);

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(officerB, awaiting, "Agree", new() { ["reason"] = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(officerB, awaiting, "Disagree", new() { ["reason"] = "bukan" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(officerB, confirmed, "Reopen", new() { ["reason"] = "bukti" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(officerB, open, "Escalate", new() { ["reason"] = "naik" })).StatusCode);
        // A supervisor of agency A reaches nothing of agency B either.
        using var supervisor = await fixture.SignedInAsync("supervisor-a");
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(supervisor, fixture.ConfirmedB, "Reopen", new() { ["reason"] = "bukti" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/flags/{fixture.FlagB}")).StatusCode);

        Assert.Equal(FlagStatus.AwaitingSecondReview, (await DetailAsync(awaiting)).Flag.Status);
        Assert.Single((await DetailAsync(awaiting)).History);
        Assert.Single((await DetailAsync(confirmed)).History);
        Assert.Empty((await DetailAsync(open)).History);
        Assert.Equal(FlagStatus.Confirmed, (await DetailAsync(fixture.ConfirmedB)).Flag.Status);
        var after = await fixture.Database.Get<IAuditLog>().QueryAsync(null, null, "officer-b", null, 0, 100_000);
        Assert.DoesNotContain(after.Except(before), e => e.Action.StartsWith("flag.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_new_forms_without_the_token_are_refused()
    {
        var awaiting = await AwaitingAsync("rute tanpa token", fixture.OfficerAId);
        var confirmed = await ConfirmedAsync("rute tanpa token, final");
        var open = await NewFlagAAsync("rute tanpa token, terbuka");
        using var officer = await fixture.SignedInAsync("officer-a2");
        FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync($"/flags/{awaiting}?handler=Agree", Form(("reason", "tanpa token")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync($"/flags/{awaiting}?handler=Disagree", Form(("reason", "tanpa token")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync($"/flags/{confirmed}?handler=Reopen", Form(("reason", "tanpa token")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync($"/flags/{open}?handler=Escalate", Form(("reason", "tanpa token")))).StatusCode);

        Assert.Single((await DetailAsync(awaiting)).History);
        Assert.Single((await DetailAsync(confirmed)).History);
        Assert.Empty((await DetailAsync(open)).History);
    }

    [Fact]
    public async Task With_second_review_off_one_confirmation_is_final()
    {
        await using var oneOfficer = new ConsoleFactory(fixture.Database.DataDirectory, new Dictionary<string, string?> { ["Review:RequireSecondReviewer"] = "false" });
        using var officer = oneOfficer.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleFixture.PostFormAsync(officer, "/signin", "/signin", new() { ["userName"] = "officer-a", ["password"] = ConsoleFixture.Password })).StatusCode);
        var flagId = await NewFlagAAsync("Satu petugas, satu konfirmasi: coblos 02");

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(officer, flagId, "Confirm", ConfirmFields())).StatusCode);

        Assert.Equal(FlagStatus.Confirmed, (await DetailAsync(flagId)).Flag.Status);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/flags/{flagId}/report")).StatusCode);
        Assert.DoesNotContain("awaiting second review", Assert.Single(await AuditAsync(flagId), e => e.Action == "flag.confirm").Details, StringComparison.Ordinal);
    }

    /// <summary>A flag of agency A confirmed by <paramref name="confirmer"/>, waiting for a second officer.</summary>
    private async Task<long> AwaitingAsync(string text, long confirmer)
    {
        var flagId = await NewFlagAAsync(text);
        await Flags.RecordTransitionAsync(flagId, confirmer, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "ajakan", Label.Campaign,
            [FlagStatus.Open], FlagStatus.AwaitingSecondReview, DateTimeOffset.UtcNow);
        return flagId;
    }

    private async Task<long> ConfirmedAsync(string text)
    {
        var flagId = await NewFlagAAsync(text);
        await Flags.RecordDecisionAsync(flagId, fixture.OfficerAId, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "ajakan", DateTimeOffset.UtcNow);
        return flagId;
    }
}
