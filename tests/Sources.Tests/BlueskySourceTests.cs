using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Sources.Bluesky;

namespace SocialWatch.Sources.Tests;

public sealed class BlueskySourceTests
{
    private const string Did = "did:plc:dewi0000000000000000000a";
    private const string Handle = "dewi-lestari.bsky.social";

    // An em dash and an ellipsis make UTF-8 byte offsets differ from character offsets.
    private const string RichText = "Musyawarah warga soal jadwal ronda — hasilnya diumumkan Jumat. #Kamtibmas @babinsa-kelurahan.bsky.social info: kelurahan.example/ronda…";

    private static string Facet(string text, string fragment, string feature)
    {
        var start = Encoding.UTF8.GetByteCount(text[..text.IndexOf(fragment, StringComparison.Ordinal)]);
        var end = start + Encoding.UTF8.GetByteCount(fragment);
        return $$"""{ "index": { "byteStart": {{start}}, "byteEnd": {{end}} }, "features": [ {{feature}} ] }""";
    }

    private static string RichItem() => $$"""
        {
          "post": {
            "uri": "at://{{Did}}/app.bsky.feed.post/3lxk4p2qz7c2a", "cid": "bafyrich",
            "author": { "did": "{{Did}}", "handle": "{{Handle}}", "displayName": "Dewi Lestari" },
            "record": {
              "$type": "app.bsky.feed.post", "createdAt": "2026-08-24T01:20:00.000Z", "langs": ["id"],
              "text": {{JsonSerializer.Serialize(RichText)}},
              "facets": [
                {{Facet(RichText, "#Kamtibmas", """{ "$type": "app.bsky.richtext.facet#tag", "tag": "Kamtibmas" }""")}},
                {{Facet(RichText, "@babinsa-kelurahan.bsky.social", """{ "$type": "app.bsky.richtext.facet#mention", "did": "did:plc:babinsa00000000000000000" }""")}},
                {{Facet(RichText, "kelurahan.example/ronda…", """{ "$type": "app.bsky.richtext.facet#link", "uri": "https://kelurahan.example/ronda-2026" }""")}}
              ],
              "tags": ["SiskamlingAktif"],
              "embed": { "$type": "app.bsky.embed.images", "images": [ { "alt": "Foto warga berkumpul di pos ronda.", "image": { "$type": "blob", "mimeType": "image/jpeg", "size": 1000 } } ] }
            },
            "embed": { "$type": "app.bsky.embed.images#view", "images": [ { "thumb": "https://cdn.example/thumb.jpg", "fullsize": "https://cdn.example/full.jpg", "alt": "Foto warga berkumpul di pos ronda." } ] },
            "replyCount": 2, "repostCount": 4, "likeCount": 17, "quoteCount": 0, "indexedAt": "2026-08-24T01:20:01.532Z", "labels": []
          }
        }
        """;

    private const string ReplyItem = $$"""
        {
          "post": {
            "uri": "at://{{Did}}/app.bsky.feed.post/3lxj9m4ab2k2s", "cid": "bafyreply",
            "author": { "did": "{{Did}}", "handle": "{{Handle}}" },
            "record": { "$type": "app.bsky.feed.post", "createdAt": "2026-08-23T09:02:10.000Z", "langs": ["id"],
              "text": "Betul, pos ronda RW 04 dijaga mulai pukul 22.00.",
              "reply": { "root": { "uri": "at://did:plc:warga/app.bsky.feed.post/3lxj8zz1q0s2d", "cid": "a" },
                         "parent": { "uri": "at://did:plc:warga/app.bsky.feed.post/3lxj8zz1q0s2d", "cid": "a" } } },
            "indexedAt": "2026-08-23T09:02:11.004Z", "labels": []
          }
        }
        """;

    private const string RepostItem = $$"""
        {
          "post": {
            "uri": "at://did:plc:calon00000/app.bsky.feed.post/3lxh2c5kd7s2x", "cid": "bafyorig",
            "author": { "did": "did:plc:calon00000", "handle": "calon-bupati.bsky.social" },
            "record": { "$type": "app.bsky.feed.post", "createdAt": "2026-08-22T23:00:00.000Z", "langs": ["id"],
              "text": "Dukung pasangan kami di pilkada nanti! #MenangBersama",
              "facets": [ { "index": { "byteStart": 39, "byteEnd": 53 }, "features": [ { "$type": "app.bsky.richtext.facet#tag", "tag": "MenangBersama" } ] } ] },
            "indexedAt": "2026-08-22T23:00:00.870Z", "labels": []
          },
          "reason": { "$type": "app.bsky.feed.defs#reasonRepost", "by": { "did": "{{Did}}", "handle": "{{Handle}}" },
            "uri": "at://{{Did}}/app.bsky.feed.repost/3lxh3aa9ws22k", "cid": "bafyrepost", "indexedAt": "2026-08-23T00:12:40.000Z" }
        }
        """;

    private static string Item(string rkey, string created) => $$"""
        { "post": { "uri": "at://{{Did}}/app.bsky.feed.post/{{rkey}}", "cid": "c{{rkey}}",
          "author": { "did": "{{Did}}", "handle": "{{Handle}}" },
          "record": { "$type": "app.bsky.feed.post", "createdAt": "{{created}}", "langs": ["id"], "text": "Catatan kegiatan {{rkey}}." },
          "indexedAt": "{{created}}" } }
        """;

    [Fact]
    public async Task Maps_posts_replies_and_reposts_with_byte_offset_facets()
    {
        await using var server = await ReplayServer.StartAsync(context => context.Request.Path.Value switch
        {
            "/xrpc/com.atproto.identity.resolveHandle" => Reply.Json(context, $$"""{"did":"{{Did}}"}"""),
            "/xrpc/app.bsky.feed.getAuthorFeed" => Reply.Json(context, $$"""{ "feed": [ {{RichItem()}}, {{ReplyItem}}, {{RepostItem}} ] }"""),
            _ => Reply.Json(context, """{"error":"XRPCNotSupported"}""", 404),
        });
        using var services = SourcesHarness.Build(server);

        var result = await services.GetRequiredService<BlueskySource>()
            .FetchAsync(SourcesHarness.Account(Platform.Bluesky, Handle), CancellationToken.None);

        Assert.Equal(Did, result.PlatformAccountId);
        Assert.Empty(result.Quarantined);
        Assert.Contains(server.Requests, r => r.PathAndQuery.Contains($"actor={Uri.EscapeDataString(Did)}", StringComparison.Ordinal));

        var rich = result.Posts.Single(p => p.PlatformPostId.EndsWith("3lxk4p2qz7c2a", StringComparison.Ordinal));
        Assert.Equal(RichText, rich.Text);
        Assert.Equal(["Kamtibmas", "SiskamlingAktif"], rich.Hashtags);
        Assert.Equal(["babinsa-kelurahan.bsky.social"], rich.Mentions);
        Assert.Equal(["Foto warga berkumpul di pos ronda."], rich.MediaDescriptions);
        Assert.Equal(["https://cdn.example/full.jpg"], rich.MediaUrls);
        Assert.Equal("id", rich.Language);
        Assert.Equal($"https://bsky.app/profile/{Handle}/post/3lxk4p2qz7c2a", rich.Url);
        Assert.Null(rich.EditedAt);

        var reply = result.Posts.Single(p => p.PlatformPostId.EndsWith("3lxj9m4ab2k2s", StringComparison.Ordinal));
        Assert.Equal("at://did:plc:warga/app.bsky.feed.post/3lxj8zz1q0s2d", reply.ReplyToPostId);

        var repost = result.Posts.Single(p => p.IsRepost);
        Assert.Equal($"at://{Did}/app.bsky.feed.repost/3lxh3aa9ws22k", repost.PlatformPostId);
        Assert.Equal(Handle, repost.AccountHandle);
        Assert.Equal(Did, repost.AccountPlatformId);
        Assert.Equal("", repost.Text);
        Assert.Equal("Dukung pasangan kami di pilkada nanti! #MenangBersama", repost.SharedText);
        Assert.Equal(["MenangBersama"], repost.Hashtags);
        Assert.Equal(new DateTimeOffset(2026, 8, 23, 0, 12, 40, TimeSpan.Zero), repost.CreatedAt);
        Assert.NotNull(result.NextCursor);
    }

    [Fact]
    public async Task First_poll_follows_the_feed_cursor_and_the_next_poll_stops_at_what_it_has_seen()
    {
        var pages = new Dictionary<string, string>
        {
            [""] = $$"""{ "cursor": "p2", "feed": [ {{Item("c5", "2026-08-24T05:00:00.000Z")}}, {{Item("c4", "2026-08-24T04:00:00.000Z")}} ] }""",
            ["p2"] = $$"""{ "cursor": "p3", "feed": [ {{Item("c3", "2026-08-24T03:00:00.000Z")}}, {{Item("c2", "2026-08-24T02:00:00.000Z")}} ] }""",
            ["p3"] = $$"""{ "feed": [ {{Item("c1", "2026-08-24T01:00:00.000Z")}} ] }""",
        };
        var newPage = $$"""{ "cursor": "p2", "feed": [ {{Item("c7", "2026-08-24T07:00:00.000Z")}}, {{Item("c6", "2026-08-24T06:00:00.000Z")}}, {{Item("c5", "2026-08-24T05:00:00.000Z")}} ] }""";
        var polled = false;
        await using var server = await ReplayServer.StartAsync(context =>
        {
            var cursor = context.Request.Query["cursor"].FirstOrDefault() ?? "";
            return Reply.Json(context, polled && cursor == "" ? newPage : pages[cursor]);
        });
        using var services = SourcesHarness.Build(server);
        var source = services.GetRequiredService<BlueskySource>();

        var first = await source.FetchAsync(SourcesHarness.Account(Platform.Bluesky, Handle, Did), CancellationToken.None);
        Assert.Equal(5, first.Posts.Count);
        Assert.Equal(3, server.Requests.Count);

        polled = true;
        var second = await source.FetchAsync(SourcesHarness.Account(Platform.Bluesky, Handle, Did, first.NextCursor), CancellationToken.None);
        Assert.Equal(["c7", "c6"], second.Posts.Select(p => p.PlatformPostId[^2..]));
        Assert.Null(first.LiveWindow); // nothing was stored before the first poll
        Assert.Equal(["c7", "c6", "c5"], second.LiveWindow!.LivePostIds.Select(id => id[^2..]));
        Assert.Equal(DateTimeOffset.Parse("2026-08-24T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture) + TimeSpan.FromMinutes(10), second.LiveWindow.Since);
        Assert.Equal(4, server.Requests.Count); // stopped on the first page: it reached a seen item
        Assert.NotEqual(first.NextCursor, second.NextCursor);

        var third = await source.FetchAsync(SourcesHarness.Account(Platform.Bluesky, Handle, Did, second.NextCursor), CancellationToken.None);
        Assert.Empty(third.Posts);
        Assert.Equal(second.NextCursor, third.NextCursor);
    }

    [Fact]
    public async Task A_failed_later_page_keeps_the_old_checkpoint_so_nothing_older_is_skipped()
    {
        await using var server = await ReplayServer.StartAsync(context => context.Request.Query.ContainsKey("cursor")
            ? Reply.Json(context, """{ "feed": [ { "post": """)
            : Reply.Json(context, $$"""{ "cursor": "p2", "feed": [ {{Item("c9", "2026-08-24T09:00:00.000Z")}} ] }"""));
        using var services = SourcesHarness.Build(server);

        var result = await services.GetRequiredService<BlueskySource>()
            .FetchAsync(SourcesHarness.Account(Platform.Bluesky, Handle, Did), CancellationToken.None);

        Assert.Single(result.Posts);
        Assert.Single(result.Quarantined);
        Assert.Null(result.NextCursor);
    }

    [Fact]
    public async Task A_quote_with_media_carries_the_quoted_words_and_the_alt_text()
    {
        const string quote = $$"""
            { "post": { "uri": "at://{{Did}}/app.bsky.feed.post/3quote", "cid": "q",
              "author": { "did": "{{Did}}", "handle": "{{Handle}}" },
              "record": { "$type": "app.bsky.feed.post", "createdAt": "2026-08-24T06:00:00.000Z", "langs": ["id"], "text": "Setuju sekali, ayo datang!",
                "embed": { "$type": "app.bsky.embed.recordWithMedia" } },
              "embed": { "$type": "app.bsky.embed.recordWithMedia#view",
                "record": { "record": { "$type": "app.bsky.embed.record#viewRecord", "uri": "at://did:plc:calon/app.bsky.feed.post/3orig",
                  "value": { "$type": "app.bsky.feed.post", "text": "Kampanye akbar pasangan nomor tiga di alun-alun Minggu ini.", "createdAt": "2026-08-23T06:00:00.000Z" } } },
                "media": { "$type": "app.bsky.embed.images#view", "images": [ { "fullsize": "https://cdn.example/spanduk.jpg", "alt": "Spanduk kampanye di alun-alun." } ] } },
              "indexedAt": "2026-08-24T06:00:01.000Z" } }
            """;
        await using var server = await ReplayServer.StartAsync(context => Reply.Json(context, $$"""{ "feed": [ {{quote}} ] }"""));
        using var services = SourcesHarness.Build(server);

        var result = await services.GetRequiredService<BlueskySource>()
            .FetchAsync(SourcesHarness.Account(Platform.Bluesky, Handle, Did), CancellationToken.None);

        var post = Assert.Single(result.Posts);
        Assert.True(post.IsQuote);
        Assert.False(post.IsRepost);
        Assert.Equal("Setuju sekali, ayo datang!", post.Text);
        Assert.Equal("Kampanye akbar pasangan nomor tiga di alun-alun Minggu ini.", post.SharedText);
        Assert.Equal(["Spanduk kampanye di alun-alun."], post.MediaDescriptions);
        Assert.Equal(["https://cdn.example/spanduk.jpg"], post.MediaUrls);
    }

    [Fact]
    public async Task An_unknown_profile_is_a_permanent_error()
    {
        await using var server = await ReplayServer.StartAsync(context =>
            Reply.Json(context, """{"error":"InvalidRequest","message":"Profile not found"}""", 400));
        using var services = SourcesHarness.Build(server);

        var error = await Assert.ThrowsAsync<PermanentSourceException>(() => services.GetRequiredService<BlueskySource>()
            .FetchAsync(SourcesHarness.Account(Platform.Bluesky, Handle, Did), CancellationToken.None));

        Assert.Contains("Profile not found", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_before_the_retry()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 8, 24, 0, 40, 0, TimeSpan.Zero)); // an hour before the reset below
        var calls = 0;
        await using var server = await ReplayServer.StartAsync(context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers["RateLimit-Limit"] = "3000";
                context.Response.Headers["RateLimit-Remaining"] = "0";
                context.Response.Headers["RateLimit-Reset"] = "1787535600";
                context.Response.Headers.RetryAfter = "30";
                return Reply.Json(context, """{"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}""", 429);
            }

            return Reply.Json(context, $$"""{ "feed": [ {{Item("c1", "2026-08-24T01:00:00.000Z")}} ] }""");
        }, clock);
        var logs = new CapturingLoggerProvider();
        using var services = SourcesHarness.Build(server, new Dictionary<string, string?> { ["Sources:Bluesky:Resilience:MaxRateLimitWait"] = "00:05:00" }, logs, clock);

        var fetch = services.GetRequiredService<BlueskySource>()
            .FetchAsync(SourcesHarness.Account(Platform.Bluesky, Handle, Did), CancellationToken.None);
        await logs.WaitForAsync("retrying in"); // the wait is set, from the clock as it was when the 429 came
        clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200);
        Assert.Single(server.Requests);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Single((await fetch).Posts);
        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(30), requests[1].At - requests[0].At); // Retry-After wins over the reset an hour away
    }
}
