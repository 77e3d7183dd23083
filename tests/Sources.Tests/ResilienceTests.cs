using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using SocialWatch.Core.Domain;
using SocialWatch.Sources.Bluesky;
using SocialWatch.Sources.Mastodon;

namespace SocialWatch.Sources.Tests;

/// <summary>Faults served by a real server, seen through a real connector and its platform pipeline.</summary>
public sealed class ResilienceTests
{
    private static readonly string OneStatus = $"[{MastodonSourceTests.Status("113000000000000001", "Pengumuman jadwal posyandu.")}]";

    private static Task<Core.Ports.FetchResult> FetchMastodon(ServiceProvider services) =>
        services.GetRequiredService<MastodonSource>()
            .FetchAsync(SourcesHarness.Account(Platform.Mastodon, "rina_asn", "110234567890123456"), CancellationToken.None);

    private static async Task<ReplayServer> FailFirst(int failures, Func<HttpContext, Task> fail)
    {
        var calls = 0;
        return await ReplayServer.StartAsync(context =>
            Interlocked.Increment(ref calls) <= failures ? fail(context) : Reply.Json(context, OneStatus));
    }

    [Fact]
    public async Task Server_errors_are_retried_until_success()
    {
        await using var server = await FailFirst(2, context => Reply.Json(context, """{"error":"There was a temporary problem"}""", 503));
        using var services = SourcesHarness.Build(server);

        var result = await FetchMastodon(services);

        Assert.Single(result.Posts);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_response_slower_than_the_attempt_timeout_is_abandoned_and_retried()
    {
        await using var server = await FailFirst(1, async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            await Reply.Json(context, OneStatus);
        });
        using var services = SourcesHarness.Build(server, new Dictionary<string, string?> { ["Sources:Mastodon:Resilience:AttemptTimeout"] = "00:00:00.300" });
        var clock = Stopwatch.StartNew();

        var result = await FetchMastodon(services);

        Assert.Single(result.Posts);
        Assert.Equal(2, server.Requests.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_truncated_body_is_retried()
    {
        await using var server = await FailFirst(1, context => Reply.Truncated(context, OneStatus));
        using var services = SourcesHarness.Build(server);

        var result = await FetchMastodon(services);

        Assert.Single(result.Posts);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_count_with_a_transient_error()
    {
        await using var server = await ReplayServer.StartAsync(context => Reply.Json(context, """{"error":"Remote data could not be fetched"}""", 500));
        using var services = SourcesHarness.Build(server);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => FetchMastodon(services));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(4, server.Requests.Count); // the first try and three retries
    }

    [Fact]
    public async Task Mastodon_rate_limit_reset_in_ISO_8601_is_waited_out()
    {
        var calls = 0;
        await using var server = await ReplayServer.StartAsync(context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers["X-RateLimit-Limit"] = "300";
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddSeconds(1.2).UtcDateTime
                    .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
                return Reply.Json(context, """{"error":"Too many requests"}""", 429);
            }

            return Reply.Json(context, OneStatus);
        });
        using var services = SourcesHarness.Build(server);

        await FetchMastodon(services);

        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(1.1), $"waited only {requests[1].At - requests[0].At}");
    }

    [Fact]
    public async Task A_wait_longer_than_allowed_ends_the_poll_instead_of_blocking_it()
    {
        await using var server = await ReplayServer.StartAsync(context =>
        {
            context.Response.Headers.RetryAfter = "3600";
            return Reply.Json(context, """{"error":"Too many requests"}""", 429);
        });
        using var services = SourcesHarness.Build(server);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => FetchMastodon(services));

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_only_for_that_platform()
    {
        await using var server = await ReplayServer.StartAsync(context => context.Request.Path.StartsWithSegments("/xrpc")
            ? Reply.Json(context, """{ "feed": [] }""")
            : Reply.Json(context, """{"error":"boom"}""", 502));
        using var services = SourcesHarness.Build(server, new Dictionary<string, string?>
        {
            ["Sources:Mastodon:Resilience:MaxRetries"] = "0",
            ["Sources:Mastodon:Resilience:BreakerMinimumThroughput"] = "2",
            ["Sources:Mastodon:Resilience:BreakerFailureRatio"] = "0.5",
            ["Sources:Mastodon:Resilience:BreakerDuration"] = "00:01:00",
        });

        await Assert.ThrowsAsync<HttpRequestException>(() => FetchMastodon(services));
        await Assert.ThrowsAsync<HttpRequestException>(() => FetchMastodon(services));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => FetchMastodon(services));
        Assert.Equal(2, server.Requests.Count); // the open circuit did not call the server

        var bluesky = await services.GetRequiredService<BlueskySource>()
            .FetchAsync(SourcesHarness.Account(Platform.Bluesky, "dewi.bsky.social", "did:plc:dewi"), CancellationToken.None);
        Assert.Empty(bluesky.Posts);
        Assert.Equal(3, server.Requests.Count);
    }
}
