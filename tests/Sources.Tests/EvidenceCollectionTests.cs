using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Sources.Tests;

/// <summary>
/// Flag evidence against a real HTTP server on 127.0.0.1: media fetched through the resilient client within
/// Evidence:MaxMediaBytes and the allowed image types, a reply's parent read from the Mastodon instance, all kept
/// with SHA-256 in a real SQLite file; an oversize image is skipped with the reason and the flag stands.
/// </summary>
public sealed class EvidenceCollectionTests
{
    private const int MaxBytes = 4096;
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, 500).Select(i => (byte)i)];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Range(0, 300).Select(i => (byte)(i * 7))];

    [Fact]
    public async Task Media_are_kept_within_the_cap_and_the_allowed_types_and_everything_else_says_why_not()
    {
        var flakyCalls = 0;
        await using var server = await ReplayServer.StartAsync(async context =>
        {
            switch (context.Request.Path.Value)
            {
                case "/media/small.png":
                    await Send(context, Png, "image/png");
                    break;
                case "/media/photo-without-type":
                    await Send(context, Jpeg, "application/octet-stream");
                    break;
                case "/media/big.jpg":
                    await Send(context, [.. Jpeg, .. new byte[MaxBytes]], "image/jpeg");
                    break;
                case "/media/big-chunked.jpg":
                    context.Response.ContentType = "image/jpeg";
                    await context.Response.Body.WriteAsync(Jpeg);
                    for (var i = 0; i < 8; i++)
                    {
                        await context.Response.Body.WriteAsync(new byte[1024]);
                        await context.Response.Body.FlushAsync();
                    }
                    break;
                case "/media/page.html":
                    await Send(context, "<html><script>alert(1)</script></html>"u8.ToArray(), "image/png");
                    break;
                case "/media/vector.svg":
                    await Send(context, "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "image/svg+xml");
                    break;
                case "/media/flaky.png" when Interlocked.Increment(ref flakyCalls) == 1:
                    context.Response.StatusCode = 503;
                    break;
                case "/media/flaky.png":
                    await Send(context, Png, "image/png");
                    break;
                default:
                    context.Response.StatusCode = 404;
                    break;
            }
        });
        await using var provider = SourcesHarness.Build(server, Settings());
        var fetcher = provider.GetRequiredService<IEvidenceFetcher>();

        async Task<CollectedMedia> Fetch(string path) => await fetcher.FetchMediaAsync(Platform.Mastodon, new Uri(server.BaseUrl, path).AbsoluteUri, CancellationToken.None);

        var small = await Fetch("media/small.png");
        var untyped = await Fetch("media/photo-without-type");
        var big = await Fetch("media/big.jpg");
        var chunked = await Fetch("media/big-chunked.jpg");
        var html = await Fetch("media/page.html");
        var svg = await Fetch("media/vector.svg");
        var flaky = await Fetch("media/flaky.png");
        var missing = await Fetch("media/missing.png");
        var notHttp = await fetcher.FetchMediaAsync(Platform.Mastodon, "file:///etc/passwd", CancellationToken.None);

        Assert.Equal(("image/png", (string?)null), (small.ContentType, small.SkippedReason));
        Assert.Equal(Png, small.Content);
        Assert.Equal("image/jpeg", untyped.ContentType);
        Assert.Null(big.Content);
        Assert.StartsWith($"too large: {Jpeg.Length + MaxBytes} bytes, over Evidence:MaxMediaBytes ({MaxBytes})", big.SkippedReason, StringComparison.Ordinal);
        Assert.StartsWith("too large: more than 4096 bytes", chunked.SkippedReason, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests.Count(r => r.PathAndQuery == "/media/big.jpg"));
        Assert.StartsWith("not an allowed image type (the server said image/png)", html.SkippedReason, StringComparison.Ordinal);
        Assert.StartsWith("not an allowed image type", svg.SkippedReason, StringComparison.Ordinal);
        Assert.Equal(Png, flaky.Content);
        Assert.Equal(2, flakyCalls);
        Assert.Equal("the server answered 404 Not Found", missing.SkippedReason);
        Assert.Equal("not an http or https URL", notHttp.SkippedReason);
    }

    [Fact]
    public async Task A_flagged_replys_images_and_parent_are_kept_with_their_hashes_and_an_oversize_image_is_skipped_with_the_reason()
    {
        const string Parent = "113000000000000001";
        var parentJson = MastodonSourceTests.Status(Parent, "Siapa calon pilihan warga?");
        await using var server = await ReplayServer.StartAsync(context => context.Request.Path.Value switch
        {
            "/media/poster.png" => Send(context, Png, "image/png"),
            "/media/huge.jpg" => Send(context, [.. Jpeg, .. new byte[MaxBytes * 2]], "image/jpeg"),
            $"/api/v1/statuses/{Parent}" => Reply.Json(context, parentJson),
            _ => Reply.Json(context, "{\"error\":\"Record not found\"}", 404),
        });
        var settings = SourcesHarness.Settings(server);
        foreach (var (key, value) in Settings())
        {
            settings[key] = value;
        }
        await using var database = await TempDatabase.CreateAsync(settings: settings);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database, "KOTAMAJU", 1, Platform.Mastodon, "rina_asn");
        var reply = SamplePosts.Fetched("113000000000000009", "Nomor 2 pokoknya, coblos di TPS masing-masing!", handle: "rina_asn") with
        {
            ReplyToPostId = Parent,
            MediaUrls = [new Uri(server.BaseUrl, "media/poster.png").AbsoluteUri, new Uri(server.BaseUrl, "media/huge.jpg").AbsoluteUri],
        };
        var lonely = SamplePosts.Fetched("113000000000000010", "Coblos 2", handle: "rina_asn") with { ReplyToPostId = "113000000000000404" };
        var at = DateTimeOffset.UtcNow;
        var flags = new List<long>();
        foreach (var post in new[] { reply, lonely })
        {
            var stored = (await database.Get<IPostRepository>().StoreAsync(account.Id, post, at)).Post;
            var classification = await database.Get<IClassificationRepository>().SaveAsync(stored.Id, 1, SamplePosts.Classified(Label.Endorse, 0.9), at);
            flags.Add((await database.Get<IFlagRepository>().CreateIfAbsentAsync(stored.Id, classification.Id, Label.Endorse, 0.9, at)).Flag.Id);
        }

        await using var scope = database.Services.CreateAsyncScope();
        var collected = await scope.ServiceProvider.GetRequiredService<FlagEvidenceCollector>().CollectPendingAsync(CancellationToken.None);
        var again = await scope.ServiceProvider.GetRequiredService<FlagEvidenceCollector>().CollectPendingAsync(CancellationToken.None);

        var evidence = await database.Get<IEvidenceRepository>().GetAsync(flags[0]);
        Assert.Equal((2, 0), (collected, again));
        Assert.Equal(2, evidence.Media.Count);
        Assert.Equal(("image/png", (long?)Png.Length, Convert.ToHexStringLower(SHA256.HashData(Png))), (evidence.Media[0].ContentType, evidence.Media[0].ByteCount, evidence.Media[0].Sha256));
        Assert.Equal(Png, (await database.Get<IEvidenceRepository>().GetMediaAsync(evidence.Media[0].Id))!.Content);
        Assert.Null(evidence.Media[1].Sha256);
        Assert.StartsWith("too large: ", evidence.Media[1].SkippedReason, StringComparison.Ordinal);
        Assert.Equal(("fetched", "Siapa calon pilihan warga?", Storage.Repositories.PostRepository.Sha256Hex(parentJson)),
            (evidence.Parent!.Source, evidence.Parent.Text, evidence.Parent.Sha256));
        Assert.Equal(FlagStatus.Open, (await database.Get<IFlagRepository>().GetDetailAsync(flags[0]))!.Flag.Status);
        var lonelyEvidence = await database.Get<IEvidenceRepository>().GetAsync(flags[1]);
        Assert.Equal("the platform says the post does not exist (deleted or not public)", lonelyEvidence.Parent!.SkippedReason);
        Assert.Equal(1, server.Requests.Count(r => r.PathAndQuery == "/media/huge.jpg"));
        // The same job records the near-duplicate key of the flagged text; a short text gets none.
        Assert.Equal([flags[0]], (await database.Get<IDuplicateRepository>().ListAsync(TextFingerprint.Of(reply.Text)!, null, 10)).Select(m => m.FlagId));
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Evidence:MaxMediaBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Evidence:Resilience:AttemptTimeout"] = "00:00:05",
        ["Evidence:Resilience:MaxRetries"] = "3",
        ["Evidence:Resilience:BaseDelay"] = "00:00:00.010",
        ["Evidence:Resilience:MaxDelay"] = "00:00:00.050",
        ["Evidence:Resilience:RateLimitJitter"] = "00:00:00",
        ["Evidence:Resilience:BreakerMinimumThroughput"] = "1000",
    };

    private static async Task Send(HttpContext context, byte[] body, string contentType)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }
}
