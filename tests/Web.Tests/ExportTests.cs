using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Export;

namespace SocialWatch.Web.Tests;

/// <summary>CSV exports of the queue and of decisions: the user's agency scope, the queue's filters, formula-safe cells, audited.</summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class ExportTests(ConsoleFixture fixture)
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"klik\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klik\"\")\"")]
    [InlineData("+62 812", "'+62 812")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("baris\nbaru", "\"baris\nbaru\"")]
    [InlineData("biasa saja", "biasa saja")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cells_are_quoted_and_defused_against_formulas(string? value, string expected)
    {
        Assert.Equal(expected, CsvWriter.Cell(value));
    }

    [Fact]
    public async Task The_queue_export_is_scoped_to_the_officers_agencies_and_follows_the_filter()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        using var admin = await fixture.SignedInAsync("admin");

        using var response = await officer.GetAsync("/export/queue.csv?status=all");
        var csv = await response.Content.ReadAsStringAsync();
        var narrowedToB = Rows(await officer.GetStringAsync($"/export/queue.csv?status=all&agency={fixture.AgencyB.Id}"));
        var adminRows = Rows(await admin.GetStringAsync("/export/queue.csv?status=all"));
        var confirmedOnly = Rows(await admin.GetStringAsync("/export/queue.csv?status=confirmed"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.StartsWith("antrean-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.StartsWith(string.Join(',', CsvExportService.QueueColumns) + "\r\n", csv, StringComparison.Ordinal);
        var ids = Rows(csv).Select(r => r[0]).ToList();
        Assert.Contains(Id(fixture.FlagA), ids);
        Assert.DoesNotContain(Id(fixture.FlagB), ids);
        Assert.DoesNotContain(Id(fixture.ConfirmedB), ids);
        Assert.Empty(narrowedToB);
        Assert.Contains(adminRows, r => r[0] == Id(fixture.FlagB));
        Assert.All(confirmedOnly, r => Assert.Equal("confirmed", r[1]));
        var row = Rows(csv).Single(r => r[0] == Id(fixture.FlagA));
        Assert.Equal(("endorse", SocialWatch.Testing.SampleRegistry.Nip(1).Value, fixture.AgencyA.Name), (row[2], row[9], row[11]));
        Assert.Contains(await AuditAsync(AuditActions.QueueExported), e => e.Actor == "officer-a" && e.Details!.Contains("status=all", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_text_that_looks_like_a_formula_is_exported_as_text()
    {
        var flag = await fixture.AddFlagAsync(await fixture.AccountOfAgencyAAsync(), "=cmd|' /C calc'!A0 dukung 02", Label.Endorse);
        using var officer = await fixture.SignedInAsync("officer-a");

        var csv = await officer.GetStringAsync("/export/queue.csv?status=all&sort=newest");

        var line = csv.Split("\r\n").Single(l => l.StartsWith(Id(flag) + ",", StringComparison.Ordinal));
        Assert.EndsWith(",'=cmd|' /C calc'!A0 dukung 02", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_decisions_export_has_who_when_what_why_and_whose_flag_within_scope()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        using var admin = await fixture.SignedInAsync("admin");

        using var response = await officer.GetAsync("/export/decisions.csv");
        var csv = await response.Content.ReadAsStringAsync();
        var adminRows = Rows(await admin.GetStringAsync("/api/export/decisions.csv"));
        var narrowed = Rows(await officer.GetStringAsync($"/export/decisions.csv?agency={fixture.AgencyB.Id}"));
        var none = Rows(await admin.GetStringAsync("/export/decisions.csv?from=2001-01-01&to=2001-01-02"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("keputusan-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.StartsWith(string.Join(',', CsvExportService.DecisionColumns) + "\r\n", csv, StringComparison.Ordinal);
        var confirm = Rows(csv).Single(r => r[7] == Id(fixture.ConfirmedA) && r[4] == "confirm");
        Assert.Equal(("officer-a", "Petugas A", "OnlineCampaign", "jelas kampanye", "endorse", "confirmed", SocialWatch.Testing.SampleRegistry.Nip(1).Value, "KOTAMAJU"),
            (confirm[2], confirm[3], confirm[5], confirm[6], confirm[8], confirm[9], confirm[10], confirm[12]));
        Assert.StartsWith("2026-11-01T07:00:00.000+07:00", confirm[1], StringComparison.Ordinal);
        Assert.DoesNotContain(Rows(csv), r => r[7] == Id(fixture.ConfirmedB));
        Assert.Contains(adminRows, r => r[7] == Id(fixture.ConfirmedB));
        Assert.Empty(narrowed);
        Assert.Empty(none);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("/export/decisions.csv?from=kemarin")).StatusCode);
        Assert.Contains(await AuditAsync(AuditActions.DecisionsExported), e => e.Actor == "officer-a");
    }

    [Fact]
    public async Task A_reason_that_looks_like_a_formula_is_exported_as_text()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/flags/{fixture.FlagA}/decisions") { Content = JsonContent.Create(new { kind = "Note", reason = "@SUM(1+1)*cmd" }) };
        request.Headers.Add("X-CSRF-TOKEN", await ConsoleFixture.ApiTokenAsync(officer));
        Assert.Equal(HttpStatusCode.OK, (await officer.SendAsync(request)).StatusCode);

        var csv = await officer.GetStringAsync("/export/decisions.csv");

        Assert.Contains(",'@SUM(1+1)*cmd,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",@SUM", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_quality_numbers_are_on_the_dashboard_and_in_the_api_within_scope()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        using var admin = await fixture.SignedInAsync("admin");
        var counts = await fixture.Database.Get<IFlagRepository>().CountByStatusAsync(new FlagQuery { AgencyIds = [fixture.AgencyA.Id] });
        var decidedInA = counts[FlagStatus.Confirmed] + counts[FlagStatus.Dismissed];

        var mine = await officer.GetFromJsonAsync<JsonElement>("/api/review-quality");
        var all = await admin.GetFromJsonAsync<JsonElement>("/api/review-quality");
        var dashboard = await officer.GetFromJsonAsync<JsonElement>("/api/dashboard");
        var page = await officer.GetStringAsync("/");

        Assert.Equal(decidedInA, mine.GetProperty("overall").GetProperty("decided").GetInt32());
        Assert.True(all.GetProperty("overall").GetProperty("decided").GetInt32() > decidedInA);
        Assert.Equal(["endorse", "oppose", "campaign"], mine.GetProperty("byLabel").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        Assert.Contains(mine.GetProperty("byModelVersion").EnumerateArray(), r => r.GetProperty("key").GetString() == "test-model-1");
        Assert.True(mine.GetProperty("overall").GetProperty("medianSecondsToDecision").GetDouble() > 0);
        Assert.Equal(decidedInA, dashboard.GetProperty("reviewQuality").GetProperty("overall").GetProperty("decided").GetInt32());
        Assert.Contains("id=\"review-quality\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"quality-label-endorse\"", page, StringComparison.Ordinal);
        Assert.Contains("Median waktu hingga keputusan", page, StringComparison.Ordinal);
        Assert.Equal(0, (await officer.GetFromJsonAsync<JsonElement>("/api/review-quality?from=2001-01-01&to=2001-01-02")).GetProperty("overall").GetProperty("decided").GetInt32());
        Assert.Equal(0, (await officer.GetFromJsonAsync<JsonElement>($"/api/review-quality?agency={fixture.AgencyB.Id}")).GetProperty("overall").GetProperty("decided").GetInt32());
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The data rows (header left out), read as RFC 4180: quoted cells may hold commas, quotes and line breaks.</summary>
    private static List<string[]> Rows(string csv)
    {
        var rows = new List<string[]>();
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            var next = i + 1 < csv.Length ? csv[i + 1] : '\0';
            if (quoted && c == '"' && next == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (!quoted && c == '\r' && next == '\n')
            {
                cells.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. cells]);
                cells.Clear();
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }
        Assert.Equal(0, cell.Length + cells.Count);
        return [.. rows.Skip(1)];
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action) =>
        await fixture.Database.Get<IAuditLog>().QueryAsync(null, null, null, action, 0, 1000);
}
