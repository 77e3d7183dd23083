using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;
using SocialWatch.Storage;

namespace SocialWatch.Web.Tests;

/// <summary>
/// Per-user API tokens: created on /tokens (shown once, stored hashed), acting with the user's role and agencies,
/// needing no antiforgery token, audited, and refused with 401 (never a redirect) once revoked, expired or unknown.
/// </summary>
[Collection(ConsoleTestGroup.Name)]
public sealed partial class ApiTokenTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_token_created_on_the_page_is_shown_once_and_only_its_hash_is_stored()
    {
        using var officer = await fixture.SignedInAsync("officer-a");

        var (secret, page) = await CreateTokenAsync(officer, "/tokens", "skrip harian " + Guid.NewGuid().ToString("N")[..6]);
        var again = await officer.GetStringAsync("/tokens");

        Assert.StartsWith(ApiTokenSecret.Prefix, secret, StringComparison.Ordinal);
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(secret, again, StringComparison.Ordinal);
        await using var connection = await fixture.Database.Get<DbConnectionFactory>().OpenAsync(default);
        var stored = string.Join("|", await connection.QueryAsync<string>("SELECT name || '|' || token_hash || '|' || created_by FROM api_tokens"));
        var audited = string.Join("|", await connection.QueryAsync<string>("SELECT coalesce(subject, '') || coalesce(details, '') FROM audit_log"));
        Assert.Contains(ApiTokenSecret.Hash(secret), stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[ApiTokenSecret.Prefix.Length..], stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[ApiTokenSecret.Prefix.Length..], audited, StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(AuditActions.ApiTokenAdded), e => e.Actor == "officer-a");
    }

    [Fact]
    public async Task A_token_acts_as_its_officer_within_their_agencies_without_antiforgery_and_each_change_is_audited()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        var (secret, _) = await CreateTokenAsync(officer, "/tokens", "skrip " + Guid.NewGuid().ToString("N")[..6]);
        using var script = ScriptClient(secret);

        var list = await script.GetFromJsonAsync<JsonElement>("/api/flags?status=all&pageSize=500");
        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(fixture.FlagA, ids);
        Assert.DoesNotContain(fixture.FlagB, ids);
        Assert.Equal(HttpStatusCode.NotFound, (await script.GetAsync($"/api/flags/{fixture.FlagB}")).StatusCode);
        var csv = await script.GetStringAsync("/api/export/queue.csv?status=all");
        Assert.Contains(Line(fixture.FlagA), csv, StringComparison.Ordinal);
        Assert.DoesNotContain(Line(fixture.FlagB), csv, StringComparison.Ordinal);

        var note = await script.PostAsJsonAsync($"/api/flags/{fixture.FlagA}/decisions", new { kind = "Note", reason = "dari skrip" });
        var crossAgency = await script.PostAsJsonAsync($"/api/flags/{fixture.FlagB}/decisions", new { kind = "Note", reason = "instansi lain" });
        var adminOnly = await script.PostAsJsonAsync("/api/agencies", new { code = "TOK" + Guid.NewGuid().ToString("N")[..5], name = "Instansi token" });

        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, crossAgency.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminOnly.StatusCode);
        Assert.DoesNotContain(Detail(await fixture.Database.Get<IFlagRepository>().GetDetailAsync(fixture.FlagB)), h => h.Reason == "instansi lain");
        var calls = await AuditAsync(AuditActions.ApiTokenCall);
        Assert.Contains(calls, e => e.Actor == "officer-a" && e.Details == $"POST /api/flags/{fixture.FlagA}/decisions -> 200");
        Assert.Contains(calls, e => e.Actor == "officer-a" && e.Details == $"POST /api/flags/{fixture.FlagB}/decisions -> 404");
        Assert.Contains(await AuditAsync(AuditActions.FlagDecision(DecisionKind.Note)), e => e.Actor == "officer-a" && e.Details == "dari skrip");
    }

    [Fact]
    public async Task A_revoked_token_gets_401_and_never_a_redirect()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        var name = "dicabut " + Guid.NewGuid().ToString("N")[..6];
        var (secret, _) = await CreateTokenAsync(officer, "/tokens", name);
        using var script = ScriptClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/flags")).StatusCode);

        var token = (await fixture.Database.Get<IApiTokenRepository>().ListByUserAsync(fixture.OfficerAId)).Single(t => t.Name == name);
        var revoke = await ConsoleFixture.PostFormAsync(officer, "/tokens", "/tokens?handler=Revoke", new() { ["tokenId"] = token.Id.ToString(CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        await AssertRefusedAsync(script, "/api/flags");
        await AssertRefusedAsync(script, "/api/dashboard");
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.PostAsJsonAsync($"/api/flags/{fixture.FlagA}/decisions", new { kind = "Note", reason = "sesudah dicabut" })).StatusCode);
        Assert.Contains(await AuditAsync(AuditActions.ApiTokenRevoked), e => e.Actor == "officer-a" && e.Subject == $"apitoken:{token.Id}");
    }

    [Fact]
    public async Task Unknown_expired_and_deactivated_users_tokens_and_tokens_on_pages_get_401()
    {
        var users = fixture.Database.Get<IUserRepository>();
        var tokens = fixture.Database.Get<IApiTokenRepository>();
        var now = DateTimeOffset.UtcNow;
        var leaver = await users.AddAsync("leaver-" + Guid.NewGuid().ToString("N")[..6], "Pegawai Keluar", "keluar@kotamaju.example", Role.Auditor, "x", [], now);
        var (leaverSecret, leaverHash) = ApiTokenSecret.Create();
        await tokens.AddAsync(leaver.Id, "lama", leaverHash, "admin", now, null);
        await users.SetActiveAsync(leaver.Id, false);
        var (expiredSecret, expiredHash) = ApiTokenSecret.Create();
        await tokens.AddAsync(fixture.OfficerAId, "kedaluwarsa", expiredHash, "officer-a", now.AddDays(-2), now.AddDays(-1));
        var (validSecret, validHash) = ApiTokenSecret.Create();
        await tokens.AddAsync(fixture.OfficerAId, "halaman", validHash, "officer-a", now, null);

        await AssertRefusedAsync(ScriptClient(ApiTokenSecret.Create().Token), "/api/flags");
        await AssertRefusedAsync(ScriptClient("not-a-token"), "/api/flags");
        await AssertRefusedAsync(ScriptClient(expiredSecret), "/api/flags");
        await AssertRefusedAsync(ScriptClient(leaverSecret), "/api/audit");
        Assert.Equal(HttpStatusCode.OK, (await ScriptClient(validSecret).GetAsync("/api/flags")).StatusCode);
        // Tokens open the API only; a page asked for with one is refused outright, not sent to sign in.
        await AssertRefusedAsync(ScriptClient(validSecret), "/queue");
        await AssertRefusedAsync(ScriptClient(validSecret), "/export/queue.csv");
    }

    [Fact]
    public async Task Tokens_are_managed_by_their_user_or_an_admin_and_no_one_else()
    {
        using var admin = await fixture.SignedInAsync("admin");
        using var officer = await fixture.SignedInAsync("officer-a");
        using var auditor = await fixture.SignedInAsync("auditor");
        var adminId = (await fixture.Database.Get<IUserRepository>().FindByUserNameAsync("admin"))!.Id;
        var (adminSecret, _) = await CreateTokenAsync(admin, "/tokens", "admin sendiri");
        var adminToken = (await fixture.Database.Get<IApiTokenRepository>().ListByUserAsync(adminId))[0];

        // An officer cannot list, create or revoke another user's tokens: the same 404 as for a user that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/tokens?user={adminId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/tokens?user={fixture.OfficerAId}")).StatusCode);
        var create = await ConsoleFixture.PostFormAsync(officer, "/tokens", $"/tokens?handler=Create&user={adminId}", new() { ["name"] = "curian" });
        var revoke = await ConsoleFixture.PostFormAsync(officer, "/tokens", "/tokens?handler=Revoke", new() { ["tokenId"] = adminToken.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Null((await fixture.Database.Get<IApiTokenRepository>().GetAsync(adminToken.Id))!.RevokedAt);
        Assert.DoesNotContain(await fixture.Database.Get<IApiTokenRepository>().ListByUserAsync(adminId), t => t.Name == "curian");
        Assert.Equal(HttpStatusCode.OK, (await ScriptClient(adminSecret).GetAsync("/api/audit")).StatusCode);

        // An admin makes a token for an officer: it has the officer's scope, not the admin's.
        var (forOfficer, _) = await CreateTokenAsync(admin, $"/tokens?user={fixture.OfficerAId}", "dibuat admin");
        using var script = ScriptClient(forOfficer);
        Assert.Equal(HttpStatusCode.Forbidden, (await script.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await script.GetAsync($"/api/flags/{fixture.FlagB}")).StatusCode);
        Assert.Contains(await fixture.Database.Get<IApiTokenRepository>().ListByUserAsync(fixture.OfficerAId), t => t.Name == "dibuat admin" && t.CreatedBy == "admin");
    }

    [Fact]
    public async Task Token_forms_need_the_antiforgery_token()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        var before = (await fixture.Database.Get<IApiTokenRepository>().ListByUserAsync(fixture.OfficerAId)).Count;

        var create = await officer.PostAsync("/tokens?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "tanpa token" }));
        var revoke = await officer.PostAsync("/tokens?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["tokenId"] = "1" }));

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, revoke.StatusCode);
        Assert.Equal(before, (await fixture.Database.Get<IApiTokenRepository>().ListByUserAsync(fixture.OfficerAId)).Count);
    }

    [Fact]
    public async Task A_bad_name_or_expiry_is_explained_on_the_page()
    {
        using var officer = await fixture.SignedInAsync("officer-a");

        var blank = await ConsoleFixture.PostFormAsync(officer, "/tokens", "/tokens?handler=Create", new() { ["name"] = " " });
        var tooLong = await ConsoleFixture.PostFormAsync(officer, "/tokens", "/tokens?handler=Create", new() { ["name"] = "x", ["expiresInDays"] = "99999" });

        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.DoesNotContain(ApiTokenSecret.Prefix, await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Line(long flagId) => "\r\n" + flagId.ToString(CultureInfo.InvariantCulture) + ",";

    private static IReadOnlyList<ReviewDecision> Detail(FlagDetail? detail) => detail!.History;

    private static async Task<(string Secret, HttpResponseMessage Page)> CreateTokenAsync(HttpClient client, string pagePath, string name)
    {
        var action = pagePath.Contains('?', StringComparison.Ordinal) ? pagePath + "&handler=Create" : pagePath + "?handler=Create";
        var response = await ConsoleFixture.PostFormAsync(client, pagePath, action, new() { ["name"] = name, ["expiresInDays"] = "30" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = SecretOnPage().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, "the new token is not on the page");
        return (match.Groups[1].Value, response);
    }

    /// <summary>A client as a script is: no cookies, the token in the Authorization header.</summary>
    private HttpClient ScriptClient(string secret)
    {
        var client = fixture.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task AssertRefusedAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"GET {path}: expected 401, got {(int)response.StatusCode}");
        Assert.Null(response.Headers.Location);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action) =>
        await fixture.Database.Get<IAuditLog>().QueryAsync(null, null, null, action, 0, 1000);

    [GeneratedRegex("id=\"token-secret\">(swt_[A-Za-z0-9_-]+)<")]
    private static partial Regex SecretOnPage();
}
