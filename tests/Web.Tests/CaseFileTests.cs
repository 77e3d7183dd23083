using System.Globalization;
using System.Net;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;
using UglyToad.PdfPig;

namespace SocialWatch.Web.Tests;

/// <summary>The employee's case file by NIP, its multi-post case report (print view and PDF) and the queue's repeat count.</summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class CaseFileTests(ConsoleFixture fixture)
{
    private static readonly string NipA = SampleRegistry.Nip(1).Value;
    private static readonly string NipB = SampleRegistry.Nip(2).Value;

    [Fact]
    public async Task The_case_file_gathers_every_account_flag_and_earlier_decision_of_the_person()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (_, staff, bluesky) = await SampleRegistry.AddAccountAsync(fixture.Database, "KOTAMAJU", 1, Platform.Bluesky, $"pegawai1-{marker}.bsky.social");
        var second = await fixture.AddFlagAsync(bluesky.Id, $"Salam dua jari {marker}", Label.Endorse);
        await fixture.Database.Get<IFlagRepository>().RecordDecisionAsync(second, fixture.OfficerAId, DecisionKind.Dismiss, null, $"hanya bercanda {marker}", DateTimeOffset.UtcNow);

        using var officer = await fixture.SignedInAsync("officer-a");
        var response = await officer.GetAsync($"/staff/{NipA}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(staff.Name, page, StringComparison.Ordinal);
        Assert.Contains($"pegawai1-{marker}.bsky.social", page, StringComparison.Ordinal);
        Assert.Contains("pegawai1@kotamaju.example", page, StringComparison.Ordinal);
        Assert.Contains($"Salam dua jari {marker}", page, StringComparison.Ordinal);
        Assert.Contains($"hanya bercanda {marker}", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/flags/{fixture.FlagA}\"", page, StringComparison.Ordinal);
        var timeline = page[page.IndexOf("id=\"casefile-timeline\"", StringComparison.Ordinal)..];
        Assert.Contains($"#{second}", timeline, StringComparison.Ordinal);
        // Only confirmed flags can be ticked for the report.
        Assert.Contains($"name=\"flags\" value=\"{fixture.ConfirmedA}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"name=\"flags\" value=\"{second}\"", page, StringComparison.Ordinal);

        var count = (await fixture.Database.Get<IFlagRepository>().ListByStaffAsync(staff.Id, [fixture.AgencyA.Id])).Count;
        Assert.True(count >= 3);
        var queue = await officer.GetStringAsync("/queue?status=all&label=endorse&from=2024-02-01&to=2024-02-01&sort=newest");
        var row = queue[queue.IndexOf($"/flags/{second}", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains($"class=\"repeat-count\"", row, StringComparison.Ordinal);
        Assert.Contains($"href=\"/staff/{NipA}\"", row, StringComparison.Ordinal);

        var audit = await fixture.Database.Get<IAuditLog>().QueryAsync(null, null, "officer-a", "casefile.viewed", 0, 10);
        Assert.Contains(audit, e => e.Subject == $"staff:{NipA}");
    }

    [Fact]
    public async Task Another_agencys_person_is_not_found_and_a_bad_nip_says_why()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        foreach (var path in new[] { $"/staff/{NipB}", $"/staff/{NipB}/report", $"/staff/{NipB}/report/pdf", $"/staff/{NipB}/report?flags={fixture.ConfirmedB}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(path)).StatusCode);
        }
        // Naming another agency's flag in one's own person's report gets the same answer as any stranger's id.
        var foreign = await officer.GetAsync($"/staff/{NipA}/report?flags={fixture.ConfirmedB}");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.DoesNotContain("Pilih 01 ya kawan", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/staff/{SampleRegistry.Nip(999).Value}")).StatusCode);
        var bad = await officer.GetAsync("/staff/12345");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("harus tepat 18 digit", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var admin = await fixture.SignedInAsync("admin");
        Assert.Contains("Pilih 01 ya kawan", await admin.GetStringAsync($"/staff/{NipB}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_report_covers_several_confirmed_posts_and_refuses_others()
    {
        var accountId = await fixture.AccountOfAgencyAAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var another = await fixture.AddFlagAsync(accountId, $"Ayo ke kampanye akbar {marker}", Label.Campaign);
        await fixture.Database.Get<IFlagRepository>().RecordDecisionAsync(another, fixture.OfficerAId, DecisionKind.Confirm, ViolationCategory.CampaignAttendance, $"ajakan kampanye {marker}", DateTimeOffset.UtcNow);

        using var officer = await fixture.SignedInAsync("officer-a");
        var report = await officer.GetStringAsync($"/staff/{NipA}/report?flags={fixture.ConfirmedA}&flags={another}");
        Assert.Contains("Pilih 03 ya kawan", report, StringComparison.Ordinal);
        Assert.Contains($"Ayo ke kampanye akbar {marker}", report, StringComparison.Ordinal);
        Assert.Contains($"ajakan kampanye {marker}", report, StringComparison.Ordinal);
        Assert.Contains("id=\"report-post-count\">2<", report, StringComparison.Ordinal);

        var open = await officer.GetAsync($"/staff/{NipA}/report?flags={fixture.FlagA}");
        Assert.Equal(HttpStatusCode.BadRequest, open.StatusCode);
        Assert.Contains("hanya tanda yang dikonfirmasi masuk ke laporan kasus", await open.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var audit = await fixture.Database.Get<IAuditLog>().QueryAsync(null, null, "officer-a", "casefile.report", 0, 50);
        Assert.Contains(audit, e => e.Details == $"format=html; flags={fixture.ConfirmedA},{another}");
    }

    [Fact]
    public async Task The_pdf_is_printed_by_chromium_and_holds_the_report()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        var response = await officer.GetAsync($"/staff/{NipA}/report/pdf?flags={fixture.ConfirmedA}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        Assert.Contains(NipA, text, StringComparison.Ordinal);
        Assert.Contains("Pegawai 1", text, StringComparison.Ordinal);
        Assert.Contains("Pilih 03 ya kawan", text, StringComparison.Ordinal);
        Assert.Contains("jelas kampanye", text, StringComparison.Ordinal);
        var audit = await fixture.Database.Get<IAuditLog>().QueryAsync(null, null, "officer-a", "casefile.report", 0, 50);
        Assert.Contains(audit, e => e.Details == $"format=pdf; flags={fixture.ConfirmedA.ToString(CultureInfo.InvariantCulture)}");
    }
}
