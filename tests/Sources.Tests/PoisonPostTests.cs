using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Ports;
using SocialWatch.Storage.Sqlite;
using SocialWatch.Testing;

namespace SocialWatch.Sources.Tests;

/// <summary>
/// Every connector, polled through the real poller into a real SQLite file, with one post in the page that the
/// classifier throws on: the rest of the page is classified, the poison post is stored with its evidence and the
/// error, the cursor moves on, and a fixed model classifies (and here flags) the post that failed.
/// </summary>
public sealed class PoisonPostTests
{
    private const string PoisonText = "Ayo coblos paslon nomor 2 di TPS, menangkan Bu Ratna jadi bupati! " + PoisonClassifier.Marker;
    private static readonly string[] Texts = ["Jadwal posyandu lansia hari Rabu pukul 08.00.", PoisonText, "Kerja bakti RW 03 hari Minggu pagi."];

    public static TheoryData<Platform> Platforms => [Platform.Mastodon, Platform.Bluesky, Platform.X, Platform.Rss, Platform.Youtube];

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task A_post_the_classifier_throws_on_is_kept_the_page_goes_on_and_a_new_model_reads_it(Platform platform)
    {
        await using var server = await ReplayServer.StartAsync(context => Page(platform, context));
        await using var database = await TempDatabase.CreateAsync(settings: SourcesHarness.Settings(server), configure: TempDatabase.WithPoisonClassifier);
        var (handle, platformId) = AccountOf(platform, server);
        await SampleRegistry.AddAccountAsync(database, platform: platform, handle: handle);
        var accounts = database.Get<IAccountRepository>();
        var account = (await accounts.FindAsync(platform, handle))!;
        await accounts.RecordPollSuccessAsync(account.Id, null, platformId, DateTimeOffset.UtcNow.AddDays(-1));
        account = (await accounts.FindAsync(platform, handle))!;

        var totals = new IngestionTotals();
        PollResult result;
        await using (var scope = database.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<AccountPoller>().PollAsync(account, totals, CancellationToken.None);
        }

        Assert.Equal(PollStatus.Succeeded, result.Status);
        Assert.Equal((3, 1, 0), (totals.Inserted, totals.ClassificationFailed, totals.Flagged));
        Assert.NotNull((await accounts.FindAsync(platform, handle))!.Cursor);
        var posts = database.Get<IPostRepository>();
        var failure = Assert.Single(await posts.ListClassificationFailuresAsync(10));
        Assert.Contains("KeyNotFoundException", failure.Error, StringComparison.Ordinal);
        var evidence = (await posts.GetAsync(failure.PostId))!;
        Assert.Contains(PoisonClassifier.Marker, evidence.Text, StringComparison.Ordinal);
        Assert.NotNull(evidence.RawPayload);
        Assert.Equal(2, await CountAsync(database, "SELECT count(*) FROM classifications"));

        database.Get<PoisonClassifier>().ChangeModel("model-fixed");
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var retried = await scope.ServiceProvider.GetRequiredService<ClassificationRetryService>().RetryAsync(CancellationToken.None);
            Assert.Equal(new ClassificationRetrySummary(1, 1, 1, 0), retried);
        }
        Assert.Empty(await posts.ListClassificationFailuresAsync(10));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM flags"));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM post_versions WHERE post_id = " + failure.PostId));
    }

    private static async Task<long> CountAsync(TempDatabase database, string sql)
    {
        await using var connection = await database.Get<SqliteConnectionFactory>().OpenAsync(default);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static (string Handle, string? PlatformId) AccountOf(Platform platform, ReplayServer server) => platform switch
    {
        Platform.Mastodon => ("rina_asn", "110234567890123456"),
        Platform.Bluesky => ("dewi-lestari.bsky.social", "did:plc:dewi0000000000000000000a"),
        Platform.X => ("AgusWibowoASN", "1455872200000000001"),
        Platform.Rss => (new Uri(server.BaseUrl, "blog/feed.xml").AbsoluteUri, null),
        _ => ("UCsukasari0000000000000a", null),
    };

    private static Task Page(Platform platform, HttpContext context)
    {
        var created = DateTimeOffset.UtcNow.AddHours(-1);
        string Iso(int i) => created.AddMinutes(-i).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        string Rfc(int i) => created.AddMinutes(-i).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        var items = Texts.Select((text, i) => (Id: i + 1, Text: text)).ToArray();
        return platform switch
        {
            Platform.Mastodon => Reply.Json(context, "[" + string.Join(",", items.Select(p =>
                MastodonSourceTests.Status($"11300000000000000{p.Id}", p.Text, Iso(p.Id)))) + "]"),
            Platform.Bluesky => Reply.Json(context, $$"""{ "feed": [ {{string.Join(",", items.Select(p => $$"""
                { "post": { "uri": "at://did:plc:dewi0000000000000000000a/app.bsky.feed.post/3lxk4p2qz7c2{{p.Id}}", "cid": "bafy{{p.Id}}",
                  "author": { "did": "did:plc:dewi0000000000000000000a", "handle": "dewi-lestari.bsky.social" },
                  "record": { "$type": "app.bsky.feed.post", "createdAt": "{{Iso(p.Id)}}", "langs": ["id"], "text": {{JsonSerializer.Serialize(p.Text)}} },
                  "indexedAt": "{{Iso(p.Id)}}", "labels": [] } }
                """))}} ] }"""),
            Platform.X => Reply.Json(context, $$"""
                { "data": [ {{string.Join(",", items.Select(p => $$"""
                  { "id": "182746351903420006{{p.Id}}", "text": {{JsonSerializer.Serialize(p.Text)}}, "edit_history_tweet_ids": ["182746351903420006{{p.Id}}"],
                    "created_at": "{{Iso(p.Id)}}", "lang": "in", "author_id": "1455872200000000001" }
                  """))}} ],
                  "includes": { "users": [ { "id": "1455872200000000001", "name": "Agus Wibowo", "username": "AgusWibowoASN" } ] },
                  "meta": { "result_count": 3, "newest_id": "1827463519034200061", "oldest_id": "1827463519034200063" } }
                """),
            Platform.Rss => Reply.Xml(context, $$"""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Blog Kelurahan</title><link>https://kelurahan.example/</link>
                {{string.Concat(items.Select(p => $"<item><title>Kabar {p.Id}</title><guid>https://kelurahan.example/?p={p.Id}</guid><pubDate>{Rfc(p.Id)}</pubDate><description>{System.Security.SecurityElement.Escape(p.Text)}</description></item>"))}}
                </channel></rss>
                """),
            _ => Reply.Xml(context, $$"""
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
                  <id>yt:channel:sukasari0000000000000a</id><title>Kelurahan Sukasari</title>
                  {{string.Concat(items.Select(p => $"""
                  <entry><id>yt:video:Ab12Cd34Ef{p.Id}</id><yt:videoId>Ab12Cd34Ef{p.Id}</yt:videoId><title>Video {p.Id}</title>
                    <link rel="alternate" href="https://www.youtube.com/watch?v=Ab12Cd34Ef{p.Id}"/><published>{Iso(p.Id)}</published><updated>{Iso(p.Id)}</updated>
                    <media:group><media:description>{System.Security.SecurityElement.Escape(p.Text)}</media:description></media:group></entry>
                  """))}}
                </feed>
                """),
        };
    }
}
