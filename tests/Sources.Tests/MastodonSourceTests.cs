using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Sources.Mastodon;

namespace SocialWatch.Sources.Tests;

public sealed class MastodonSourceTests
{
    private const string AccountJson = """{ "id": "110234567890123456", "username": "rina_asn", "acct": "rina_asn", "display_name": "Rina", "url": "https://sosial.example/@rina_asn" }""";

    internal static string Status(string id, string content, string created = "2026-08-24T02:31:07.412Z", string extra = "") => $$"""
        {
          "id": "{{id}}", "created_at": "{{created}}", "in_reply_to_id": null, "in_reply_to_account_id": null,
          "sensitive": false, "spoiler_text": "", "visibility": "public", "language": "id",
          "uri": "https://sosial.example/users/rina_asn/statuses/{{id}}", "url": "https://sosial.example/@rina_asn/{{id}}",
          "edited_at": null, "content": "{{content}}", "reblog": null,
          "account": {{AccountJson}},
          "media_attachments": [], "mentions": [], "tags": [], "emojis": [], "card": null, "poll": null {{extra}}
        }
        """;

    private const string RichStatus = """
        {
          "id": "113004512345678901", "created_at": "2026-08-24T02:31:07.412Z", "in_reply_to_id": "113004500000000000",
          "sensitive": false, "spoiler_text": "", "visibility": "public", "language": "id",
          "uri": "https://sosial.example/users/rina_asn/statuses/113004512345678901",
          "url": "https://sosial.example/@rina_asn/113004512345678901",
          "edited_at": "2026-08-24T02:40:51.009Z",
          "content": "<p>Pendaftaran posyandu lansia dibuka hari Rabu pukul 08.00 WIB. <a href=\"https://sosial.example/tags/KotaSehat\" class=\"mention hashtag\" rel=\"tag\">#<span>KotaSehat</span></a></p><p>Rincian: <a href=\"https://kota.example/berita/posyandu-lansia\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">kota.example/berita/posyandu</span><span class=\"invisible\">-lansia</span></a> cc <span class=\"h-card\"><a href=\"https://sosial.example/@dinkes\" class=\"u-url mention\">@<span>dinkes</span></a></span></p>",
          "reblog": null,
          "account": { "id": "110234567890123456", "username": "rina_asn", "acct": "rina_asn" },
          "media_attachments": [ { "id": "1", "type": "image", "url": "https://sosial.example/media/jadwal.jpg", "description": "Poster jadwal posyandu lansia di balai warga." } ],
          "mentions": [ { "id": "110000000000000042", "username": "dinkes", "url": "https://sosial.example/@dinkes", "acct": "dinkes" } ],
          "tags": [ { "name": "KotaSehat", "url": "https://sosial.example/tags/kotasehat" } ],
          "emojis": [], "card": null, "poll": null, "quote": null
        }
        """;

    private const string BoostStatus = """
        {
          "id": "112998700000000002", "created_at": "2026-08-23T01:05:00.000Z", "in_reply_to_id": null,
          "sensitive": false, "spoiler_text": "", "visibility": "public", "language": null,
          "uri": "https://sosial.example/users/rina_asn/statuses/112998700000000002/activity", "url": null,
          "edited_at": null, "content": "",
          "reblog": {
            "id": "112998650000000077", "created_at": "2026-08-23T00:50:12.000Z", "visibility": "public", "language": "id",
            "uri": "https://lain.example/users/calon/statuses/112998650000000077", "url": "https://lain.example/@calon/112998650000000077",
            "content": "<p>Mari coblos nomor urut dua pada hari pemungutan suara! <a href=\"https://lain.example/tags/Pilkada2026\" class=\"mention hashtag\" rel=\"tag\">#<span>Pilkada2026</span></a></p>",
            "account": { "id": "109876543210000001", "username": "calon", "acct": "calon@lain.example" },
            "media_attachments": [], "mentions": [], "tags": [ { "name": "Pilkada2026", "url": "https://sosial.example/tags/Pilkada2026" } ]
          },
          "account": { "id": "110234567890123456", "username": "rina_asn", "acct": "rina_asn" },
          "media_attachments": [], "mentions": [], "tags": [], "emojis": [], "card": null, "poll": null
        }
        """;

    [Fact]
    public async Task First_poll_looks_the_account_up_and_maps_statuses_and_boosts()
    {
        await using var server = await ReplayServer.StartAsync(context => context.Request.Path.Value switch
        {
            "/api/v1/accounts/lookup" => Reply.Json(context, AccountJson),
            "/api/v1/accounts/110234567890123456/statuses" => Reply.Json(context, $"[{RichStatus},{BoostStatus}]"),
            _ => Reply.Json(context, """{"error":"Record not found"}""", 404),
        });
        using var services = SourcesHarness.Build(server);
        var source = services.GetRequiredService<MastodonSource>();

        var result = await source.FetchAsync(SourcesHarness.Account(Platform.Mastodon, "@rina_asn"), CancellationToken.None);

        Assert.Equal("110234567890123456", result.PlatformAccountId);
        Assert.Equal("113004512345678901", result.NextCursor);
        Assert.Empty(result.Quarantined);
        Assert.Contains(server.Requests, r => r.PathAndQuery == "/api/v1/accounts/lookup?acct=rina_asn");
        var post = result.Posts.Single(p => p.PlatformPostId == "113004512345678901");
        Assert.Equal(Platform.Mastodon, post.Platform);
        Assert.Equal("rina_asn", post.AccountHandle);
        Assert.Equal("110234567890123456", post.AccountPlatformId);
        Assert.Equal(
            "Pendaftaran posyandu lansia dibuka hari Rabu pukul 08.00 WIB. #KotaSehat\nRincian: https://kota.example/berita/posyandu-lansia cc @dinkes",
            post.Text);
        Assert.Equal(new DateTimeOffset(2026, 8, 24, 2, 31, 7, 412, TimeSpan.Zero), post.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 8, 24, 2, 40, 51, 9, TimeSpan.Zero), post.EditedAt);
        Assert.Equal("id", post.Language);
        Assert.Equal("113004500000000000", post.ReplyToPostId);
        Assert.Equal(["KotaSehat"], post.Hashtags);
        Assert.Equal(["dinkes"], post.Mentions);
        Assert.Equal(["Poster jadwal posyandu lansia di balai warga."], post.MediaDescriptions);
        Assert.Equal(["https://sosial.example/media/jadwal.jpg"], post.MediaUrls);
        Assert.Contains("\"113004512345678901\"", post.RawPayload);

        var boost = result.Posts.Single(p => p.PlatformPostId == "112998700000000002");
        Assert.True(boost.IsRepost);
        Assert.Equal("", boost.Text);
        Assert.Equal("Mari coblos nomor urut dua pada hari pemungutan suara! #Pilkada2026", boost.SharedText);
        Assert.Equal(["Pilkada2026"], boost.Hashtags);
        Assert.Equal("id", boost.Language);
        Assert.Equal("https://sosial.example/users/rina_asn/statuses/112998700000000002/activity", boost.Url);
    }

    [Fact]
    public async Task Polls_walk_forward_from_the_cursor_with_min_id_page_by_page()
    {
        var timeline = new MastodonTimeline(Enumerable.Range(1, 7).Select(i => $"1130000000000000{i:D2}"));
        await using var server = await ReplayServer.StartAsync(timeline.HandleAsync);
        using var services = SourcesHarness.Build(server, new Dictionary<string, string?> { ["Sources:Mastodon:PageSize"] = "2" });
        var source = services.GetRequiredService<MastodonSource>();

        var result = await source.FetchAsync(
            SourcesHarness.Account(Platform.Mastodon, "rina_asn", "110234567890123456", cursor: "113000000000000002"), CancellationToken.None);

        Assert.Equal(["113000000000000003", "113000000000000004", "113000000000000005", "113000000000000006", "113000000000000007"],
            result.Posts.Select(p => p.PlatformPostId).Order(StringComparer.Ordinal));
        Assert.Equal("113000000000000007", result.NextCursor);
        Assert.All(server.Requests.SkipLast(1), r => Assert.Contains("min_id=", r.PathAndQuery));
        Assert.Equal(4, server.Requests.Count); // three pages forward, then the newest page for deletions
    }

    [Fact]
    public async Task Later_polls_list_the_live_statuses_of_the_newest_page_so_deletions_can_be_seen()
    {
        var timeline = new MastodonTimeline(["113000000000000001", "113000000000000002", "113000000000000004"]);
        await using var server = await ReplayServer.StartAsync(timeline.HandleAsync);
        using var services = SourcesHarness.Build(server);
        var account = SourcesHarness.Account(Platform.Mastodon, "rina_asn", "110234567890123456", cursor: "113000000000000004");

        var all = await services.GetRequiredService<MastodonSource>().FetchAsync(account, CancellationToken.None);
        var first = await services.GetRequiredService<MastodonSource>().FetchAsync(account with { Cursor = null }, CancellationToken.None);

        Assert.Equal(DateTimeOffset.Parse("2026-08-24T02:31:07.412Z", System.Globalization.CultureInfo.InvariantCulture), all.LiveWindow!.Since);
        Assert.Equal(["113000000000000001", "113000000000000002", "113000000000000004"], all.LiveWindow.LivePostIds.Order(StringComparer.Ordinal));
        Assert.Null(first.LiveWindow); // nothing is stored yet on a first poll
    }

    [Fact]
    public async Task The_window_is_only_the_newest_page()
    {
        var timeline = new MastodonTimeline(Enumerable.Range(1, 5).Select(i => $"1130000000000000{i:D2}"));
        await using var server = await ReplayServer.StartAsync(timeline.HandleAsync);
        using var services = SourcesHarness.Build(server, new Dictionary<string, string?> { ["Sources:Mastodon:PageSize"] = "2" });

        var result = await services.GetRequiredService<MastodonSource>().FetchAsync(
            SourcesHarness.Account(Platform.Mastodon, "rina_asn", "110234567890123456", cursor: "113000000000000005"), CancellationToken.None);

        Assert.Equal(["113000000000000004", "113000000000000005"], result.LiveWindow!.LivePostIds.Order(StringComparer.Ordinal));
        Assert.Equal(DateTimeOffset.Parse("2026-08-24T02:31:07.412Z", System.Globalization.CultureInfo.InvariantCulture), result.LiveWindow.Since);
    }

    [Fact]
    public async Task First_poll_walks_back_with_max_id_up_to_the_page_limit()
    {
        var timeline = new MastodonTimeline(Enumerable.Range(1, 9).Select(i => $"1130000000000000{i:D2}"));
        await using var server = await ReplayServer.StartAsync(timeline.HandleAsync);
        using var services = SourcesHarness.Build(server, new Dictionary<string, string?>
        {
            ["Sources:Mastodon:PageSize"] = "2",
            ["Sources:Mastodon:MaxPagesPerPoll"] = "3",
        });
        var source = services.GetRequiredService<MastodonSource>();

        var result = await source.FetchAsync(SourcesHarness.Account(Platform.Mastodon, "rina_asn", "110234567890123456"), CancellationToken.None);

        Assert.Equal(6, result.Posts.Count);
        Assert.Equal("113000000000000009", result.NextCursor);
        Assert.Contains(server.Requests, r => r.PathAndQuery.Contains("max_id=113000000000000008"));
    }

    [Fact]
    public async Task Script_and_markup_in_content_come_out_as_inert_text()
    {
        var content = "<p>Jadwal <b>vaksinasi</b> &amp; imunisasi</p><script>alert('retas')</script><style>p{color:red}</style>"
            + "<img src=x onerror=alert(1)><p>Tulisan &lt;script&gt; ini hanya teks.</p>";
        var status = Status("113000000000000001", content.Replace("\"", "\\\"", StringComparison.Ordinal));
        await using var server = await ReplayServer.StartAsync(context => Reply.Json(context, $"[{status}]"));
        using var services = SourcesHarness.Build(server);

        var result = await services.GetRequiredService<MastodonSource>()
            .FetchAsync(SourcesHarness.Account(Platform.Mastodon, "rina_asn", "110234567890123456"), CancellationToken.None);

        var post = Assert.Single(result.Posts);
        Assert.Equal("Jadwal vaksinasi & imunisasi\nTulisan <script> ini hanya teks.", post.Text);
        Assert.DoesNotContain("alert", post.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("color", post.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_status_is_quarantined_and_private_ones_skipped_while_the_rest_is_kept()
    {
        var good = Status("113000000000000003", "Kerja bakti membersihkan saluran air hari Minggu.");
        var noDate = Status("113000000000000002", "Tanpa tanggal.").Replace("\"created_at\": \"2026-08-24T02:31:07.412Z\",", "", StringComparison.Ordinal);
        var privateOne = Status("113000000000000001", "Hanya untuk pengikut.").Replace("\"visibility\": \"public\"", "\"visibility\": \"private\"", StringComparison.Ordinal);
        await using var server = await ReplayServer.StartAsync(context => Reply.Json(context, $"[{good},{noDate},{privateOne}]"));
        using var services = SourcesHarness.Build(server);

        var result = await services.GetRequiredService<MastodonSource>()
            .FetchAsync(SourcesHarness.Account(Platform.Mastodon, "rina_asn", "110234567890123456"), CancellationToken.None);

        Assert.Equal("113000000000000003", Assert.Single(result.Posts).PlatformPostId);
        var (raw, reason) = Assert.Single(result.Quarantined);
        Assert.Contains("113000000000000002", raw, StringComparison.Ordinal);
        Assert.Contains("created_at", reason, StringComparison.Ordinal);
        Assert.Equal("113000000000000003", result.NextCursor);
    }

    [Fact]
    public async Task A_malformed_page_is_quarantined_whole_and_the_cursor_stays()
    {
        await using var server = await ReplayServer.StartAsync(context => Reply.Json(context, """[{"id": "113000000000000009", "content": "Rapat RT """));
        using var services = SourcesHarness.Build(server);

        var result = await services.GetRequiredService<MastodonSource>().FetchAsync(
            SourcesHarness.Account(Platform.Mastodon, "rina_asn", "110234567890123456", cursor: "113000000000000005"), CancellationToken.None);

        Assert.Empty(result.Posts);
        Assert.Equal("113000000000000005", result.NextCursor);
        Assert.Contains("not valid JSON", Assert.Single(result.Quarantined).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, "not found")]
    [InlineData(410, "gone or suspended")]
    [InlineData(401, "authentication")]
    [InlineData(403, "forbidden")]
    public async Task Permanent_errors_are_reported_at_once_without_retrying(int status, string expected)
    {
        await using var server = await ReplayServer.StartAsync(context => Reply.Json(context, """{"error":"Record not found"}""", status));
        using var services = SourcesHarness.Build(server);

        var error = await Assert.ThrowsAsync<PermanentSourceException>(() => services.GetRequiredService<MastodonSource>()
            .FetchAsync(SourcesHarness.Account(Platform.Mastodon, "rina_asn", "110234567890123456"), CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("Record not found", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_suspended_account_is_permanent()
    {
        await using var server = await ReplayServer.StartAsync(context =>
            Reply.Json(context, """{ "id": "110234567890123456", "acct": "rina_asn", "suspended": true }"""));
        using var services = SourcesHarness.Build(server);

        var error = await Assert.ThrowsAsync<PermanentSourceException>(() => services.GetRequiredService<MastodonSource>()
            .FetchAsync(SourcesHarness.Account(Platform.Mastodon, "rina_asn"), CancellationToken.None));

        Assert.Contains("suspended", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_optional_access_token_is_sent_to_the_configured_instance()
    {
        await using var server = await ReplayServer.StartAsync(context => Reply.Json(context, "[]"));
        using var services = SourcesHarness.Build(server, new Dictionary<string, string?> { ["Sources:Mastodon:AccessToken"] = "token-instansi" });

        await services.GetRequiredService<MastodonSource>()
            .FetchAsync(SourcesHarness.Account(Platform.Mastodon, "rina_asn", "110234567890123456"), CancellationToken.None);

        Assert.Equal("Bearer token-instansi", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public void Handles_go_to_their_home_instance_unless_told_otherwise()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new SourcesOptions());
        var source = new MastodonSource(new HttpClient(), options, Microsoft.Extensions.Logging.Abstractions.NullLogger<MastodonSource>.Instance);

        Assert.Equal((new Uri("https://sosial.example/"), "rina"), source.Locate("@rina@sosial.example"));
        Assert.Equal((new Uri("https://mastodon.social/"), "rina"), source.Locate("rina"));
    }
}

/// <summary>Serves an account's statuses with the API's min_id / max_id / limit semantics.</summary>
internal sealed class MastodonTimeline(IEnumerable<string> ids)
{
    private readonly List<string> newestFirst = ids.OrderByDescending(id => id, StringComparer.Ordinal).ToList();

    public Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var limit = int.Parse(query["limit"].FirstOrDefault() ?? "20", CultureInfo.InvariantCulture);
        IEnumerable<string> page = newestFirst;
        if (query["max_id"].FirstOrDefault() is { } maxId)
        {
            page = page.Where(id => string.CompareOrdinal(id, maxId) < 0).Take(limit);
        }
        else if (query["min_id"].FirstOrDefault() is { } minId)
        {
            // The statuses immediately newer than min_id, still newest first.
            page = page.Where(id => string.CompareOrdinal(id, minId) > 0).Reverse().Take(limit).Reverse();
        }
        else
        {
            page = page.Take(limit);
        }

        var body = "[" + string.Join(",", page.Select(id => MastodonSourceTests.Status(id, $"Kabar kelurahan nomor {id[^2..]}."))) + "]";
        return Reply.Json(context, body);
    }
}
