using System.Globalization;
using System.Net.Http.Json;
using SocialWatch.Core.Domain;

namespace SocialWatch.Web.Tests;

/// <summary>
/// Every route for every role and for an anonymous visitor. Expected outcomes: a status code, "signin" (redirect
/// to the sign-in page) or "denied" (redirect to the not-allowed page). Columns: anonymous, admin, officer, auditor,
/// supervisor (of agency A, as officer-a).
/// </summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class RouteAuthorizationTests(ConsoleFixture fixture)
{
    private static readonly string[] Actors = ["anonymous", "admin", "officer-a", "auditor", "supervisor-a"];

    public static TheoryData<string, string> Gets => new()
    {
        { "/", "signin 200 200 200 200" },
        { "/queue", "signin 200 200 200 200" },
        { "/queue?status=all&label=endorse&platform=mastodon&from=2024-01-01&to=2024-12-31&minScore=0.5&sort=score&page=1", "signin 200 200 200 200" },
        { "/queue?status=bogus", "signin 400 400 400 400" },
        { "/queue?overdue=true&sort=due", "signin 200 200 200 200" },
        { "/queue?status=confirmed&overdue=true", "signin 200 200 200 200" },
        { "/flags/{flagA}", "signin 200 200 200 200" },
        { "/flags/{flagA}/report", "signin 404 404 404 404" },
        { "/flags/{confirmedA}/report", "signin 200 200 200 200" },
        { "/flags/999999", "signin 404 404 404 404" },
        { "/staff", "signin 200 200 200 200" },
        { "/staff/{nipA}", "signin 200 200 200 200" },
        { "/staff?nip={nipA}", "signin 200 200 200 200" },
        { "/staff/{nipB}", "signin 200 404 200 404" },
        { "/staff/12345", "signin 400 400 400 400" },
        { "/staff/{nipA}/report", "signin 200 200 200 200" },
        { "/staff/{nipA}/report?flags={confirmedA}", "signin 200 200 200 200" },
        { "/staff/{nipA}/report?flags={flagA}", "signin 400 400 400 400" },
        { "/staff/{nipB}/report", "signin 200 404 200 404" },
        { "/audit", "signin 200 denied 200 denied" },
        { "/audit?actor=admin&action=signin.succeeded&from=2020-01-01", "signin 200 denied 200 denied" },
        { "/admin/agencies", "signin 200 denied 200 denied" },
        { "/admin/staff", "signin 200 denied 200 denied" },
        { "/admin/accounts", "signin 200 denied 200 denied" },
        { "/admin/users", "signin 200 denied 200 denied" },
        { "/admin/import", "signin 200 denied denied denied" },
        { "/admin/ingestion", "signin 200 denied 200 denied" },
        { "/admin/models", "signin 200 denied 200 denied" },
        { "/signin", "200 200 200 200 200" },
        { "/denied", "signin 403 403 403 403" },
        { "/assets/console.css", "200 200 200 200 200" },
        { "/assets/console.js", "200 200 200 200 200" },
        { "/api/antiforgery", "401 200 200 200 200" },
        { "/api/flags", "401 200 200 200 200" },
        { "/api/flags?status=all&sort=oldest", "401 200 200 200 200" },
        { "/api/flags?status=bogus", "401 400 400 400 400" },
        { "/api/flags?overdue=true&sort=due", "401 200 200 200 200" },
        { "/api/flags/{flagA}", "401 200 200 200 200" },
        { "/api/dashboard", "401 200 200 200 200" },
        { "/api/audit", "401 200 403 200 403" },
        { "/api/agencies", "401 200 403 200 403" },
        { "/api/staff", "401 200 403 200 403" },
        { "/api/accounts", "401 200 403 200 403" },
        { "/api/users", "401 200 403 200 403" },
        { "/tokens", "signin 200 200 200 200" },
        { "/tokens?user={officerA}", "signin 200 200 404 404" },
        { "/tokens?user=999999", "signin 404 404 404 404" },
        { "/export/queue.csv", "signin 200 200 200 200" },
        { "/export/queue.csv?status=all&label=endorse&platform=mastodon&from=2024-01-01&to=2024-12-31&minScore=0.5&sort=score&phase=quiet", "signin 200 200 200 200" },
        { "/export/queue.csv?status=bogus", "signin 400 400 400 400" },
        { "/export/queue.csv?overdue=true&sort=due", "signin 200 200 200 200" },
        { "/export/decisions.csv", "signin 200 200 200 200" },
        { "/export/decisions.csv?from=2024-01-01&to=2026-12-31&agency={agencyA}", "signin 200 200 200 200" },
        { "/export/decisions.csv?to=31-12-2026", "signin 400 400 400 400" },
        { "/api/export/queue.csv", "401 200 200 200 200" },
        { "/api/export/decisions.csv", "401 200 200 200 200" },
        { "/api/review-quality", "401 200 200 200 200" },
        { "/api/review-quality?from=2024-01-01&agency={agencyA}", "401 200 200 200 200" },
        { "/api/review-quality?from=bogus", "401 400 400 400 400" },
        { "/supervisor", "signin denied denied denied 200" },
        { "/supervisor?page=2", "signin denied denied denied 200" },
        { "/supervisor?page=0", "signin denied denied denied 400" },
        { "/queue?status=awaiting_second_review", "signin 200 200 200 200" },
    };

    [Theory]
    [MemberData(nameof(Gets))]
    public async Task Get_routes_answer_each_role_as_expected(string path, string expected)
    {
        var expectations = expected.Split(' ');
        for (var i = 0; i < Actors.Length; i++)
        {
            using var client = await ClientAsync(Actors[i]);
            using var response = await client.GetAsync(Resolve(path));
            ConsoleFixture.AssertOutcome(expectations[i], response, $"GET {path} as {Actors[i]}");
        }
    }

    [Fact]
    public async Task Api_decisions_are_for_officers_only()
    {
        await AssertApiPostAsync($"/api/flags/{fixture.FlagA}/decisions", new { kind = "Note", reason = "dilihat" }, "401 403 200 403 200");
    }

    [Fact]
    public async Task Api_registry_changes_are_for_admins_only()
    {
        await AssertApiPostAsync("/api/agencies", new { code = "API" + Guid.NewGuid().ToString("N")[..6], name = "Instansi API" }, "401 201 403 403 403");
        await AssertApiPostAsync("/api/users/999999/active", new { active = true }, "401 404 403 403 403");
        await AssertApiPostAsync("/api/accounts/999999/status", new { status = "Disabled" }, "401 404 403 403 403");
    }

    [Fact]
    public async Task Token_forms_are_for_every_signed_in_user()
    {
        await AssertFormPostAsync("/tokens?handler=Create", () => new() { ["name"] = "uji rute" }, "signin 200 200 200 200");
        await AssertFormPostAsync("/tokens?handler=Revoke", () => new() { ["tokenId"] = "999999" }, "signin 404 404 404 404");
    }

    [Fact]
    public async Task Page_decisions_are_for_officers_only()
    {
        await AssertFormPostAsync($"/flags/{fixture.FlagA}?handler=Note", () => new() { ["reason"] = "catatan uji" }, "signin denied 302 denied 302");
    }

    [Fact]
    public async Task Triage_and_bulk_actions_are_for_officers_only_and_saved_filters_for_everyone()
    {
        var flag = await fixture.AddFlagAsync(await fixture.AccountOfAgencyAAsync(), "Rute penugasan, dukung 02", Label.Endorse);
        var id = flag.ToString(CultureInfo.InvariantCulture);
        var officer = fixture.OfficerAId.ToString(CultureInfo.InvariantCulture);
        await AssertFormPostAsync($"/flags/{id}?handler=AssignTo", () => new() { ["assignee"] = officer }, "signin denied 302 denied 302");
        await AssertFormPostAsync("/queue?handler=Bulk", () => new() { ["bulkAction"] = "note", ["ids"] = id, ["reason"] = "catatan massal" }, "signin denied 302 denied 302");
        await AssertFormPostAsync("/queue?handler=Bulk", () => new() { ["bulkAction"] = "assign", ["ids"] = id, ["assignee"] = officer }, "signin denied 302 denied 302");
        await AssertFormPostAsync("/queue?handler=Bulk", () => new() { ["bulkAction"] = "dismiss", ["ids"] = id, ["reason"] = "bukan kampanye", ["decisionLabel"] = "civic" }, "signin denied 302 denied 302");
        await AssertFormPostAsync("/queue?handler=Bulk", () => new() { ["bulkAction"] = "confirm", ["ids"] = id, ["reason"] = "semua" }, "signin denied 400 denied 400");
        await AssertFormPostAsync("/queue?handler=SaveFilter&overdue=true", () => new() { ["name"] = "Rute" }, "signin 302 302 302 302");
        await AssertFormPostAsync("/queue?handler=DeleteFilter&filterId=999999", () => new(), "signin 404 404 404 404");
    }

    [Fact]
    public async Task Page_registry_changes_are_for_admins_only()
    {
        await AssertFormPostAsync("/admin/agencies", () => new() { ["code"] = "PG" + Guid.NewGuid().ToString("N")[..6], ["name"] = "Instansi Halaman" }, "signin 302 denied denied denied");
    }

    private async Task AssertApiPostAsync(string path, object body, string expected)
    {
        var expectations = expected.Split(' ');
        for (var i = 0; i < Actors.Length; i++)
        {
            using var client = await ClientAsync(Actors[i]);
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            if (Actors[i] != "anonymous")
            {
                request.Headers.Add("X-CSRF-TOKEN", await ConsoleFixture.ApiTokenAsync(client));
            }
            using var response = await client.SendAsync(request);
            ConsoleFixture.AssertOutcome(expectations[i], response, $"POST {path} as {Actors[i]}");
        }
    }

    private async Task AssertFormPostAsync(string path, Func<Dictionary<string, string>> fields, string expected)
    {
        var expectations = expected.Split(' ');
        for (var i = 0; i < Actors.Length; i++)
        {
            using var client = await ClientAsync(Actors[i]);
            var tokenPage = Actors[i] == "anonymous" ? "/signin" : "/";
            using var response = await ConsoleFixture.PostFormAsync(client, tokenPage, path, fields());
            ConsoleFixture.AssertOutcome(expectations[i], response, $"POST {path} as {Actors[i]}");
        }
    }

    private async Task<HttpClient> ClientAsync(string actor) => actor == "anonymous" ? fixture.Anonymous() : await fixture.SignedInAsync(actor);

    private string Resolve(string path) => path
        .Replace("{flagA}", fixture.FlagA.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{confirmedA}", fixture.ConfirmedA.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{officerA}", fixture.OfficerAId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{agencyA}", fixture.AgencyA.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{nipA}", SocialWatch.Testing.SampleRegistry.Nip(1).Value, StringComparison.Ordinal)
        .Replace("{nipB}", SocialWatch.Testing.SampleRegistry.Nip(2).Value, StringComparison.Ordinal);
}
