using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

[Collection(ConsoleTestGroup.Name)]
public sealed class ImportTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Preview_lists_row_errors_and_stores_nothing_then_import_stores_the_good_rows()
    {
        var handle = "imp" + Guid.NewGuid().ToString("N")[..8];
        var csv = $"""
            platform,handle,nip
            mastodon,{handle}@kotamaju.example,{SampleRegistry.Nip(1)}
            myspace,someone,{SampleRegistry.Nip(1)}
            bluesky,{handle}.bsky.social,123
            """;
        using var admin = await fixture.SignedInAsync("admin");

        var preview = await ConsoleFixture.PostFormAsync(admin, "/admin/import", "/admin/import?handler=Preview", new() { ["csv"] = csv });
        var previewHtml = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        // The reasons are in the console's language, not the CLI's English.
        Assert.Contains("platform &#x27;myspace&#x27; tidak dikenal", previewHtml, StringComparison.Ordinal);
        Assert.Contains("NIP &#x27;123&#x27; harus tepat 18 digit", previewHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("must be exactly 18 digits", previewHtml, StringComparison.Ordinal);
        var accounts = fixture.Database.Get<IAccountRepository>();
        Assert.Null(await accounts.FindAsync(Core.Domain.Platform.Mastodon, $"{handle}@kotamaju.example"));

        var import = await ConsoleFixture.PostFormAsync(admin, "/admin/import", "/admin/import?handler=Import", new() { ["csv"] = csv });
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.NotNull(await accounts.FindAsync(Core.Domain.Platform.Mastodon, $"{handle}@kotamaju.example"));
        var audit = await fixture.Database.Get<IAuditLog>().QueryAsync(null, null, "admin", "accounts.import", 0, 10);
        Assert.Contains(audit, e => e.Details!.StartsWith("1 imported of 3 rows", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_previews_by_default()
    {
        using var admin = await fixture.SignedInAsync("admin");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/accounts/import") { Content = new StringContent("platform,handle,nip\nx,solo,1\n") };
        request.Headers.Add("X-CSRF-TOKEN", await ConsoleFixture.ApiTokenAsync(admin));
        using var response = await admin.SendAsync(request);

        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(json.GetProperty("committed").GetBoolean());
        Assert.Equal(2, json.GetProperty("errors")[0].GetProperty("line").GetInt32());
        Assert.Equal("NIP '1' must be exactly 18 digits", json.GetProperty("errors")[0].GetProperty("reason").GetString());

        using var auditor = await fixture.SignedInAsync("auditor");
        using var denied = new HttpRequestMessage(HttpMethod.Post, "/api/accounts/import") { Content = new StringContent("platform,handle,nip\n") };
        denied.Headers.Add("X-CSRF-TOKEN", await ConsoleFixture.ApiTokenAsync(auditor));
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.SendAsync(denied)).StatusCode);
    }

    [Fact]
    public async Task A_malformed_row_and_a_bad_header_are_explained_in_the_console_language()
    {
        using var admin = await fixture.SignedInAsync("admin");

        var malformed = await ConsoleFixture.PostFormAsync(admin, "/admin/import", "/admin/import?handler=Preview",
            new() { ["csv"] = $"platform,handle,nip\nmastodon,a\"b,{SampleRegistry.Nip(1)}\n" });
        var malformedHtml = await malformed.Content.ReadAsStringAsync();
        Assert.Contains("CSV rusak: ada tanda kutip di dalam kolom tanpa kutip", malformedHtml, StringComparison.Ordinal);

        var header = await ConsoleFixture.PostFormAsync(admin, "/admin/import", "/admin/import?handler=Preview",
            new() { ["csv"] = "platform,handle,email\n" });
        var headerHtml = await header.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, header.StatusCode);
        Assert.Contains("kolom &#x27;email&#x27; tidak dikenal di baris judul", headerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown column", headerHtml, StringComparison.Ordinal);
    }
}
