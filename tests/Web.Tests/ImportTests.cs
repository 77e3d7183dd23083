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
        Assert.Contains("unknown platform &#x27;myspace&#x27;", previewHtml, StringComparison.Ordinal);
        Assert.Contains("must be exactly 18 digits", previewHtml, StringComparison.Ordinal);
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

        using var auditor = await fixture.SignedInAsync("auditor");
        using var denied = new HttpRequestMessage(HttpMethod.Post, "/api/accounts/import") { Content = new StringContent("platform,handle,nip\n") };
        denied.Headers.Add("X-CSRF-TOKEN", await ConsoleFixture.ApiTokenAsync(auditor));
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.SendAsync(denied)).StatusCode);
    }
}
