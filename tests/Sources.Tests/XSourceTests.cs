using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Sources.X;

namespace SocialWatch.Sources.Tests;

public sealed class XSourceTests
{
    private const string UserId = "1455872200000000001";

    private const string FirstPage = """
        {
          "data": [
            {
              "id": "1827463519034200064",
              "text": "Alhamdulillah, layanan KTP-el kini buka Sabtu &amp; Minggu. Terima kasih @PemkabMaju #LayananPrima https://t.co/Ab12",
              "edit_history_tweet_ids": ["1827463519034200064"],
              "created_at": "2026-08-24T01:15:22.000Z", "lang": "in", "author_id": "1455872200000000001",
              "attachments": { "media_keys": ["3_1827463400000000001"] },
              "entities": {
                "mentions": [ { "start": 74, "end": 85, "username": "PemkabMaju", "id": "1300000000000000042" } ],
                "hashtags": [ { "start": 86, "end": 99, "tag": "LayananPrima" } ]
              }
            },
            {
              "id": "1827301122334455667",
              "text": "RT @CalonBupati: Pilih kami untuk perubahan! Datang ke TPS dan coblos nomor satu. Bersama kita menang…",
              "edit_history_tweet_ids": ["1827301122334455667"],
              "created_at": "2026-08-23T14:20:05.000Z", "lang": "in", "author_id": "1455872200000000001",
              "referenced_tweets": [ { "type": "retweeted", "id": "1827290000000000001" } ],
              "entities": { "mentions": [ { "start": 3, "end": 15, "username": "CalonBupati", "id": "1300000000000000099" } ] }
            }
          ],
          "includes": {
            "media": [ { "media_key": "3_1827463400000000001", "type": "photo", "url": "https://pbs.example/antrean.jpg", "alt_text": "Warga mengantre di loket kecamatan pada Sabtu pagi." } ],
            "users": [
              { "id": "1455872200000000001", "name": "Agus Wibowo", "username": "AgusWibowoASN" },
              { "id": "1300000000000000099", "name": "Calon Bupati", "username": "CalonBupati" }
            ],
            "tweets": [
              { "id": "1827290000000000001", "text": "Pilih kami untuk perubahan! Datang ke TPS dan coblos nomor satu. Bersama kita menangkan Kabupaten Maju! #PilkadaDamai",
                "edit_history_tweet_ids": ["1827290000000000001"], "created_at": "2026-08-23T12:00:00.000Z", "lang": "in", "author_id": "1300000000000000099",
                "entities": { "hashtags": [ { "start": 104, "end": 117, "tag": "PilkadaDamai" } ] } }
            ]
          },
          "meta": { "result_count": 2, "newest_id": "1827463519034200064", "oldest_id": "1827301122334455667", "next_token": "halaman2" }
        }
        """;

    // The newest OpenAPI spelling: *_posts, includes.posts, note_post.
    private const string SecondPagePostsNaming = """
        {
          "data": [
            {
              "id": "1827205000000000099",
              "text": "@warga_maju Betul, pengambilan KTP-el bisa diwakilkan dengan surat kuasa…",
              "note_post": { "text": "@warga_maju Betul, pengambilan KTP-el bisa diwakilkan dengan surat kuasa bermeterai dan fotokopi KTP pemberi kuasa." },
              "edit_history_post_ids": ["1827204000000000010", "1827205000000000099"],
              "created_at": "2026-08-23T08:01:40.000Z", "lang": "in", "author_id": "1455872200000000001",
              "referenced_posts": [ { "type": "replied_to", "id": "1827190000000000500" }, { "type": "quoted", "id": "1827100000000000001" } ],
              "entities": { "mentions": [ { "start": 0, "end": 11, "username": "warga_maju", "id": "1600000000000000777" } ] }
            }
          ],
          "includes": {
            "users": [ { "id": "1455872200000000001", "name": "Agus Wibowo", "username": "AgusWibowoASN" } ],
            "posts": [
              { "id": "1827204000000000010", "text": "versi pertama", "created_at": "2026-08-23T07:58:00.000Z", "author_id": "1455872200000000001" },
              { "id": "1827100000000000001", "text": "Apakah pengambilan KTP-el boleh diwakilkan?", "created_at": "2026-08-22T07:00:00.000Z", "author_id": "1600000000000000777" }
            ]
          },
          "meta": { "result_count": 1, "newest_id": "1827205000000000099", "oldest_id": "1827205000000000099" }
        }
        """;

    [Fact]
    public async Task Pages_through_next_token_and_maps_both_field_namings()
    {
        await using var server = await ReplayServer.StartAsync(context => context.Request.Path.Value switch
        {
            "/2/users/by/username/AgusWibowoASN" => Reply.Json(context, $$$"""{"data":{"id":"{{{UserId}}}","name":"Agus Wibowo","username":"AgusWibowoASN"} }"""),
            $"/2/users/{UserId}/tweets" => Reply.Json(context,
                context.Request.Query["pagination_token"].FirstOrDefault() == "halaman2" ? SecondPagePostsNaming : FirstPage),
            _ => Reply.Json(context, """{"title":"Not Found"}""", 404),
        });
        using var services = SourcesHarness.Build(server);

        var result = await services.GetRequiredService<XSource>()
            .FetchAsync(SourcesHarness.Account(Platform.X, "@AgusWibowoASN"), CancellationToken.None);

        Assert.Equal(UserId, result.PlatformAccountId);
        Assert.Equal("1827463519034200064", result.NextCursor);
        Assert.Equal(3, result.Posts.Count);
        Assert.All(server.Requests, r => Assert.Equal("Bearer token-uji-rahasia", r.Authorization));
        var timeline = server.Requests.Where(r => r.PathAndQuery.Contains("/tweets", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, timeline.Count);
        Assert.Contains("max_results=100", timeline[0].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("tweet.fields=", timeline[0].PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("since_id", timeline[0].PathAndQuery, StringComparison.Ordinal);

        var own = result.Posts.Single(p => p.PlatformPostId == "1827463519034200064");
        Assert.Equal("Alhamdulillah, layanan KTP-el kini buka Sabtu & Minggu. Terima kasih @PemkabMaju #LayananPrima https://t.co/Ab12", own.Text);
        Assert.Equal("id", own.Language);
        Assert.Equal("AgusWibowoASN", own.AccountHandle);
        Assert.Equal(["LayananPrima"], own.Hashtags);
        Assert.Equal(["PemkabMaju"], own.Mentions);
        Assert.Equal(["Warga mengantre di loket kecamatan pada Sabtu pagi."], own.MediaDescriptions);
        Assert.Equal(["https://pbs.example/antrean.jpg"], own.MediaUrls);
        Assert.Equal("https://x.com/AgusWibowoASN/status/1827463519034200064", own.Url);

        var retweet = result.Posts.Single(p => p.IsRepost);
        Assert.Equal("", retweet.Text);
        Assert.Equal("Pilih kami untuk perubahan! Datang ke TPS dan coblos nomor satu. Bersama kita menangkan Kabupaten Maju! #PilkadaDamai", retweet.SharedText);
        Assert.Equal(["PilkadaDamai"], retweet.Hashtags);
        Assert.Contains("\"1827290000000000001\"", retweet.RawPayload, StringComparison.Ordinal); // the shared post is in the evidence

        var edited = result.Posts.Single(p => p.PlatformPostId == "1827204000000000010");
        Assert.StartsWith("@warga_maju Betul", edited.Text, StringComparison.Ordinal);
        Assert.EndsWith("pemberi kuasa.", edited.Text, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 8, 23, 7, 58, 0, TimeSpan.Zero), edited.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 8, 23, 8, 1, 40, TimeSpan.Zero), edited.EditedAt);
        Assert.Equal("1827190000000000500", edited.ReplyToPostId);
        Assert.True(edited.IsQuote);
        Assert.Equal("Apakah pengambilan KTP-el boleh diwakilkan?", edited.SharedText);
    }

    [Fact]
    public async Task The_next_poll_asks_only_for_posts_after_the_cursor()
    {
        await using var server = await ReplayServer.StartAsync(context => Reply.Json(context, """{"meta":{"result_count":0}}"""));
        using var services = SourcesHarness.Build(server);

        var result = await services.GetRequiredService<XSource>()
            .FetchAsync(SourcesHarness.Account(Platform.X, "AgusWibowoASN", UserId, "1827463519034200064"), CancellationToken.None);

        Assert.Empty(result.Posts);
        Assert.Equal("1827463519034200064", result.NextCursor);
        Assert.Contains("since_id=1827463519034200064", Assert.Single(server.Requests).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_that_does_not_exist_is_permanent()
    {
        await using var server = await ReplayServer.StartAsync(context => Reply.Json(context,
            """{"errors":[{"value":"akun_hilang","detail":"Could not find user with username: [akun_hilang].","title":"Not Found Error","resource_type":"user","parameter":"username","resource_id":"akun_hilang","type":"https://api.x.com/2/problems/resource-not-found"}]}"""));
        using var services = SourcesHarness.Build(server);

        var error = await Assert.ThrowsAsync<PermanentSourceException>(() => services.GetRequiredService<XSource>()
            .FetchAsync(SourcesHarness.Account(Platform.X, "akun_hilang"), CancellationToken.None));

        Assert.Contains("Could not find user", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token-uji-rahasia", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_waits_until_the_rate_limit_reset()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 8, 25, 1, 0, 0, TimeSpan.Zero));
        var reset = clock.GetUtcNow().AddSeconds(120);
        var calls = 0;
        await using var server = await ReplayServer.StartAsync(context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers["x-rate-limit-limit"] = "10000";
                context.Response.Headers["x-rate-limit-remaining"] = "0";
                context.Response.Headers["x-rate-limit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                return Reply.Json(context, """{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}""", 429);
            }

            return Reply.Json(context, """{"meta":{"result_count":0}}""");
        }, clock);
        var logs = new CapturingLoggerProvider();
        using var services = SourcesHarness.Build(server, new Dictionary<string, string?> { ["Sources:X:Resilience:MaxRateLimitWait"] = "00:05:00" }, logs, clock);

        var fetch = services.GetRequiredService<XSource>()
            .FetchAsync(SourcesHarness.Account(Platform.X, "AgusWibowoASN", UserId, "1"), CancellationToken.None);
        await logs.WaitForAsync("retrying in");
        clock.Advance(TimeSpan.FromSeconds(120));
        await fetch;

        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(reset, requests[1].At); // the reset is absolute, so the wait ends on it to the second
    }

    [Fact]
    public async Task The_bearer_token_never_reaches_the_logs_even_through_retries_and_errors()
    {
        var calls = 0;
        await using var server = await ReplayServer.StartAsync(context => Interlocked.Increment(ref calls) switch
        {
            1 => Reply.Json(context, """{"title":"Service Unavailable"}""", 503),
            2 => Reply.Json(context, FirstPage),
            _ => Reply.Json(context, """{"title":"Unauthorized","detail":"Unauthorized","type":"about:blank","status":401}""", 401),
        });
        var logs = new CapturingLoggerProvider();
        using var services = SourcesHarness.Build(server, logs: logs);
        var source = services.GetRequiredService<XSource>();

        await Assert.ThrowsAsync<PermanentSourceException>(() =>
            source.FetchAsync(SourcesHarness.Account(Platform.X, "AgusWibowoASN", UserId), CancellationToken.None));

        Assert.Contains(logs.Lines, line => line.Contains("retrying", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.Contains("Authorization", StringComparison.Ordinal) || line.Contains("GET", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("token-uji-rahasia", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_bearer_token_X_is_not_registered()
    {
        await using var server = await ReplayServer.StartAsync(context => Reply.Json(context, "{}"));
        using var services = SourcesHarness.Build(server, new Dictionary<string, string?> { ["Sources:X:BearerToken"] = "" });

        var platforms = services.GetServices<IPostSource>().Select(s => s.Platform).ToList();

        Assert.DoesNotContain(Platform.X, platforms);
        Assert.Equal([Platform.Mastodon, Platform.Bluesky, Platform.Rss, Platform.Youtube], platforms);
    }
}
