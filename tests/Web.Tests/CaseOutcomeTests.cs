using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>
/// Clarification and outcome of a case: the step forms on the case file, the printable letter, the stage list and
/// the dashboard's stage counts, for every role, across agencies and with antiforgery. Each test has its own person,
/// so a case one test closes never blocks another.
/// </summary>
[Collection(ConsoleTestGroup.Name)]
public sealed partial class CaseOutcomeTests(ConsoleFixture fixture)
{
    private static readonly string[] Actors = ["anonymous", "admin", "officer-a", "auditor"];
    private static int nextSequence = 60;

    [Fact]
    public async Task An_officer_records_the_case_from_clarification_to_outcome_and_every_step_is_audited()
    {
        var nip = await ConfirmedPersonAsync("KOTAMAJU");
        using var officer = await fixture.SignedInAsync("officer-a");

        var before = await PageAsync(officer, $"/staff/{nip}");
        Assert.Contains("id=\"case-stage\">Perlu klarifikasi<", before, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"step-response\"", before, StringComparison.Ordinal);
        var blankLetter = await PageAsync(officer, $"/staff/{nip}/letter");
        Assert.Contains("Permintaan klarifikasi", blankLetter, StringComparison.Ordinal);
        Assert.Contains($"NIP {nip}", blankLetter, StringComparison.Ordinal);
        Assert.StartsWith("id=\"letter-reference\">………………………………<", blankLetter[blankLetter.IndexOf("id=\"letter-reference\"", StringComparison.Ordinal)..], StringComparison.Ordinal);

        await StepAsync(officer, nip, new() { ["StepKind"] = "clarification_requested", ["StepDate"] = "2024-02-05", ["Reference"] = "800/17/BKPSDM/2024" });
        var asked = await PageAsync(officer, $"/staff/{nip}");
        Assert.Contains("id=\"case-stage\">Menunggu tanggapan<", asked, StringComparison.Ordinal);
        Assert.Contains("800/17/BKPSDM/2024", asked, StringComparison.Ordinal);
        var letter = await PageAsync(officer, $"/staff/{nip}/letter");
        Assert.StartsWith("id=\"letter-reference\"><bdi class=\"untrusted\">800/17/BKPSDM/2024</bdi>", letter[letter.IndexOf("id=\"letter-reference\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("5 Februari 2024", letter, StringComparison.Ordinal);

        await StepAsync(officer, nip, new() { ["StepKind"] = "response_received", ["StepDate"] = "2024-02-09", ["StepText"] = "Akun saya dipakai adik saya." });
        await StepAsync(officer, nip, new() { ["StepKind"] = "forwarded", ["StepDate"] = "2024-02-12", ["Recipient"] = "ppk", ["Reference"] = "ND-2024-31" });
        Assert.Contains("id=\"case-stage\">Diteruskan<", await PageAsync(officer, $"/staff/{nip}"), StringComparison.Ordinal);
        Assert.Contains($"/staff/{nip}#case-steps", await PageAsync(officer, "/cases?stage=forwarded"), StringComparison.Ordinal);
        await StepAsync(officer, nip, new() { ["StepKind"] = "outcome", ["StepDate"] = "2024-02-20", ["Outcome"] = "violation_forwarded" });

        var closed = await PageAsync(officer, $"/staff/{nip}");
        Assert.Contains("id=\"case-stage\">Selesai<", closed, StringComparison.Ordinal);
        Assert.Contains("Pelanggaran terbukti – diteruskan", closed, StringComparison.Ordinal);
        Assert.Contains("Akun saya dipakai adik saya.", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"step-clarification\"", closed, StringComparison.Ordinal);
        Assert.Contains($"/staff/{nip}#case-steps", await PageAsync(officer, "/cases?stage=closed"), StringComparison.Ordinal);
        var report = await PageAsync(officer, $"/staff/{nip}/report");
        Assert.Contains("id=\"report-case-steps\"", report, StringComparison.Ordinal);
        Assert.Contains("ND-2024-31", report, StringComparison.Ordinal);
        var again = await ConsoleFixture.PostFormAsync(officer, $"/staff/{nip}", $"/staff/{nip}?handler=Step",
            new() { ["StepKind"] = "forwarded", ["StepDate"] = "2024-02-21", ["Recipient"] = "bkn", ["Reference"] = "lagi" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("ditutup", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var audit = await fixture.Database.Get<IAuditLog>().QueryAsync(null, null, "officer-a", null, 0, 500);
        var mine = audit.Where(e => e.Subject == $"staff:{nip}").Select(e => (e.Action, e.Details)).ToList();
        Assert.Contains(("case.clarification_requested", "date=2024-02-05; reference=800/17/BKPSDM/2024"), mine);
        Assert.Contains(("case.response_received", "date=2024-02-09; text=Akun saya dipakai adik saya."), mine);
        Assert.Contains(("case.forwarded", "date=2024-02-12; reference=ND-2024-31; recipient=ppk"), mine);
        Assert.Contains(("case.outcome", "date=2024-02-20; outcome=violation_forwarded"), mine);
        Assert.Contains(mine, e => e.Action == "case.letter" && e.Details == "reference=800/17/BKPSDM/2024");
        Assert.Contains(mine, e => e.Action == "case.letter" && e.Details == "blank");
    }

    [Fact]
    public async Task Incomplete_or_out_of_order_steps_are_refused_with_the_reason()
    {
        var nip = await ConfirmedPersonAsync("KOTAMAJU");
        var unconfirmed = await PersonAsync("KOTAMAJU", confirmed: false);
        using var officer = await fixture.SignedInAsync("officer-a");
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        foreach (var (fields, reason) in new (Dictionary<string, string>, string)[]
        {
            (new() { ["StepKind"] = "clarification_requested", ["StepDate"] = "2024-02-05" }, "nomor surat"),
            (new() { ["StepKind"] = "response_received", ["StepDate"] = "2024-02-05", ["StepText"] = "x" }, "sebelum tanggapannya"),
            (new() { ["StepKind"] = "clarification_requested", ["StepDate"] = tomorrow, ["Reference"] = "S-1" }, "di masa depan"),
            (new() { ["StepKind"] = "clarification_requested", ["StepDate"] = "5 Feb", ["Reference"] = "S-1" }, "hari kalender"),
            (new() { ["StepKind"] = "forwarded", ["StepDate"] = "2024-02-05", ["Reference"] = "S-1" }, "memerlukan penerima"),
            (new() { ["StepKind"] = "outcome", ["StepDate"] = "2024-02-05", ["Outcome"] = "no_violation", ["Recipient"] = "ppk" }, "hanya penerusan"),
        })
        {
            var response = await ConsoleFixture.PostFormAsync(officer, $"/staff/{nip}", $"/staff/{nip}?handler=Step", fields);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var bogus = await ConsoleFixture.PostFormAsync(officer, $"/staff/{nip}", $"/staff/{nip}?handler=Step", new() { ["StepKind"] = "sanction", ["StepDate"] = "2024-02-05" });
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        var notConfirmed = await ConsoleFixture.PostFormAsync(officer, $"/staff/{unconfirmed}", $"/staff/{unconfirmed}?handler=Step",
            new() { ["StepKind"] = "clarification_requested", ["StepDate"] = "2024-02-05", ["Reference"] = "S-1" });
        Assert.Equal(HttpStatusCode.BadRequest, notConfirmed.StatusCode);
        Assert.Contains("tidak memiliki tanda terkonfirmasi", await notConfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync($"/staff/{unconfirmed}/letter")).StatusCode);
        Assert.Empty(await fixture.Database.Get<ICaseRepository>().ListStepsAsync(await StaffIdAsync(nip)));
    }

    [Fact]
    public async Task New_routes_answer_each_role_as_expected()
    {
        var nipA = await ConfirmedPersonAsync("KOTAMAJU");
        var nipB = await ConfirmedPersonAsync("DESASEJAHTERA");
        foreach (var (path, expected) in new[]
        {
            ($"/staff/{nipA}/letter", "signin 200 200 200"),
            ($"/staff/{nipB}/letter", "signin 200 404 200"),
            ("/staff/12345/letter", "signin 400 400 400"),
            ("/cases", "signin 200 200 200"),
            ("/cases?stage=closed", "signin 200 200 200"),
            ("/cases?stage=bogus", "signin 400 400 400"),
        })
        {
            var expectations = expected.Split(' ');
            for (var i = 0; i < Actors.Length; i++)
            {
                using var client = await ClientAsync(Actors[i]);
                ConsoleFixture.AssertOutcome(expectations[i], await client.GetAsync(path), $"GET {path} as {Actors[i]}");
            }
        }
        var expectedPosts = "signin denied 302 denied".Split(' ');
        for (var i = 0; i < Actors.Length; i++)
        {
            using var client = await ClientAsync(Actors[i]);
            var tokenPage = Actors[i] == "anonymous" ? "/signin" : "/";
            var response = await ConsoleFixture.PostFormAsync(client, tokenPage, $"/staff/{nipA}?handler=Step",
                new() { ["StepKind"] = "clarification_requested", ["StepDate"] = "2024-02-05", ["Reference"] = "R-" + Actors[i] });
            ConsoleFixture.AssertOutcome(expectedPosts[i], response, $"POST step as {Actors[i]}");
        }
        Assert.Equal(["R-officer-a"], (await fixture.Database.Get<ICaseRepository>().ListStepsAsync(await StaffIdAsync(nipA))).Select(s => s.Reference));
    }

    [Fact]
    public async Task An_officer_cannot_record_read_or_count_another_agencys_case()
    {
        var nipB = await ConfirmedPersonAsync("DESASEJAHTERA");
        using var officerA = await fixture.SignedInAsync("officer-a");
        using var officerB = await fixture.SignedInAsync("officer-b");

        var forged = await ConsoleFixture.PostFormAsync(officerA, "/", $"/staff/{nipB}?handler=Step",
            new() { ["StepKind"] = "clarification_requested", ["StepDate"] = "2024-02-05", ["Reference"] = "IDOR" });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officerA.GetAsync($"/staff/{nipB}/letter")).StatusCode);
        Assert.DoesNotContain(nipB, await PageAsync(officerA, "/cases?stage=to_clarify"), StringComparison.Ordinal);
        Assert.Contains(nipB, await PageAsync(officerB, "/cases?stage=to_clarify"), StringComparison.Ordinal);
        Assert.Empty(await fixture.Database.Get<ICaseRepository>().ListStepsAsync(await StaffIdAsync(nipB)));

        // The dashboard counts only the officer's agencies: B's new case moves B's count, never A's.
        var countA = StageCount(await PageAsync(officerA, "/"), "to_clarify");
        var countB = StageCount(await PageAsync(officerB, "/"), "to_clarify");
        await ConfirmedPersonAsync("DESASEJAHTERA");
        Assert.Equal(countA, StageCount(await PageAsync(officerA, "/"), "to_clarify"));
        Assert.Equal(countB + 1, StageCount(await PageAsync(officerB, "/"), "to_clarify"));
        using var admin = await fixture.SignedInAsync("admin");
        Assert.True(StageCount(await PageAsync(admin, "/"), "to_clarify") >= countA + countB + 1);
    }

    [Fact]
    public async Task The_step_form_needs_the_antiforgery_token_of_the_same_user()
    {
        var nip = await ConfirmedPersonAsync("KOTAMAJU");
        using var officer = await fixture.SignedInAsync("officer-a");
        using var admin = await fixture.SignedInAsync("admin");
        var fields = new Dictionary<string, string> { ["StepKind"] = "clarification_requested", ["StepDate"] = "2024-02-05", ["Reference"] = "tanpa token" };

        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync($"/staff/{nip}?handler=Step", new FormUrlEncodedContent(fields))).StatusCode);
        var adminPage = await PageAsync(admin, "/");
        var adminToken = WebUtility.HtmlDecode(TokenField().Match(adminPage).Groups[1].Value);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync($"/staff/{nip}?handler=Step",
            new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = adminToken }))).StatusCode);
        Assert.Empty(await fixture.Database.Get<ICaseRepository>().ListStepsAsync(await StaffIdAsync(nip)));
    }

    private static async Task StepAsync(HttpClient officer, string nip, Dictionary<string, string> fields)
    {
        var response = await ConsoleFixture.PostFormAsync(officer, $"/staff/{nip}", $"/staff/{nip}?handler=Step", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{fields["StepKind"]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal($"/staff/{nip}#case-steps", response.Headers.Location!.OriginalString);
    }

    /// <summary>The page's text with character references decoded (the console's encoder writes non-ASCII as references).</summary>
    private static async Task<string> PageAsync(HttpClient client, string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path));

    private Task<string> ConfirmedPersonAsync(string agency) => PersonAsync(agency, confirmed: true);

    /// <summary>A new person of the agency with one flag, confirmed or left open; returns the NIP.</summary>
    private async Task<string> PersonAsync(string agency, bool confirmed)
    {
        var sequence = Interlocked.Increment(ref nextSequence);
        var (_, staff, account) = await SampleRegistry.AddAccountAsync(fixture.Database, agency, sequence, Platform.Mastodon, $"kasus{sequence}@kasus.example");
        var flag = await fixture.AddFlagAsync(account.Id, $"Dukung paslon nomor 2, kasus {sequence}", Label.Endorse);
        if (confirmed)
        {
            var officer = (await fixture.Database.Get<IUserRepository>().FindByUserNameAsync(agency == "KOTAMAJU" ? "officer-a" : "officer-b"))!;
            await fixture.Database.Get<IFlagRepository>().RecordDecisionAsync(flag, officer.Id, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "kampanye", DateTimeOffset.UtcNow);
        }
        return staff.Nip.Value;
    }

    private async Task<long> StaffIdAsync(string nip) => (await fixture.Database.Get<IStaffRepository>().FindByNipAsync(Nip.Parse(nip)))!.Id;

    private static int StageCount(string dashboard, string stage)
    {
        var match = Regex.Match(dashboard, $"id=\"stage-{stage}\"><span class=\"big\">(\\d+)</span>");
        Assert.True(match.Success, $"no {stage} card on the dashboard");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task<HttpClient> ClientAsync(string actor) => actor == "anonymous" ? fixture.Anonymous() : await fixture.SignedInAsync(actor);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
