using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using SocialWatch.Core.Domain;
using SocialWatch.Sources.Bluesky;
using SocialWatch.Sources.Feeds;
using SocialWatch.Sources.Mastodon;

namespace SocialWatch.Sources.Tests;

/// <summary>
/// Faults served by a real server, seen through a real connector and its platform pipeline. Waits of seconds or
/// minutes run on a fake clock the test advances; short backoffs (10-50 ms) run on the real one.
/// </summary>
public sealed class ResilienceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 8, 25, 1, 0, 0, TimeSpan.Zero);
    private static readonly string OneStatus = $"[{MastodonSourceTests.Status("113000000000000001", "Pengumuman jadwal posyandu.")}]";
    private const string EmptyRss = """<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title></channel></rss>""";

    private static Task<Core.Ports.FetchResult> FetchMastodon(ServiceProvider services) =>
        services.GetRequiredService<MastodonSource>()
            .FetchAsync(SourcesHarness.Account(Platform.Mastodon, "rina_asn", "110234567890123456"), CancellationToken.None);

    private static async Task<ReplayServer> FailFirst(int failures, Func<HttpContext, Task> fail, TimeProvider? clock = null)
    {
        var calls = 0;
        return await ReplayServer.StartAsync(context =>
            Interlocked.Increment(ref calls) <= failures ? fail(context) : Reply.Json(context, OneStatus), clock);
    }

    /// <summary>Nothing the code under test does in the next moment (real time) may depend on a wait that has not yet passed.</summary>
    private static Task Moment() => Task.Delay(200);

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
        var clock = new FakeTimeProvider(T0);
        await using var server = await FailFirst(1, context => Task.Delay(Timeout.Infinite, context.RequestAborted), clock);
        using var services = SourcesHarness.Build(server, new Dictionary<string, string?> { ["Sources:Mastodon:Resilience:AttemptTimeout"] = "00:00:30" }, time: clock);

        var fetch = FetchMastodon(services);
        await server.WaitForRequestsAsync(1);
        clock.Advance(TimeSpan.FromSeconds(29));
        await Moment();
        Assert.False(fetch.IsCompleted);
        Assert.Single(server.Requests);

        clock.Advance(TimeSpan.FromSeconds(1)); // the attempt times out; the retry waits its short backoff
        await clock.AdvanceUntilAsync(() => server.Requests.Count == 2, TimeSpan.FromMilliseconds(50));

        Assert.Single((await fetch).Posts);
        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.InRange(requests[1].At - requests[0].At, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31));
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

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => FetchMastodon(services));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(4, server.Requests.Count); // the first try and three retries
    }

    [Fact]
    public async Task Mastodon_rate_limit_reset_in_ISO_8601_is_waited_out()
    {
        var clock = new FakeTimeProvider(T0);
        var reset = T0.AddSeconds(90);
        var calls = 0;
        await using var server = await ReplayServer.StartAsync(context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers["X-RateLimit-Limit"] = "300";
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset"] = reset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
                return Reply.Json(context, """{"error":"Too many requests"}""", 429);
            }

            return Reply.Json(context, OneStatus);
        }, clock);
        var logs = new CapturingLoggerProvider();
        using var services = SourcesHarness.Build(server, new Dictionary<string, string?> { ["Sources:Mastodon:Resilience:MaxRateLimitWait"] = "00:05:00" }, logs, clock);

        var fetch = FetchMastodon(services);
        await logs.WaitForAsync("retrying in");
        clock.Advance(TimeSpan.FromSeconds(89));
        await Moment();
        Assert.Single(server.Requests); // not before the reset, although the backoff alone would have retried at once

        clock.Advance(TimeSpan.FromSeconds(1));
        await fetch;

        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(reset, requests[1].At);
    }

    [Fact]
    public async Task A_shared_pause_ending_in_a_moment_is_waited_out_without_spending_a_retry()
    {
        var clock = new FakeTimeProvider(T0);
        await using var server = await ReplayServer.StartAsync(context => Reply.Json(context, OneStatus), clock);
        using var services = SourcesHarness.Build(server, new Dictionary<string, string?> { ["Sources:Mastodon:Resilience:MaxRetries"] = "0" }, time: clock);
        // What a retry that a timer woke just before another node's reset finds in the store.
        var reset = T0.AddMilliseconds(20);
        await services.GetRequiredService<Core.Ports.IRateLimitStore>().PauseAsync("mastodon", server.BaseUrl.Authority, reset);

        var fetch = FetchMastodon(services);
        await Moment();
        Assert.Empty(server.Requests);
        clock.Advance(TimeSpan.FromMilliseconds(20));
        var fetched = await fetch;

        Assert.Single(fetched.Posts);
        Assert.Equal(reset, Assert.Single(server.Requests).At);
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

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => FetchMastodon(services));

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_only_for_that_platform_and_tries_again_after_the_break()
    {
        var clock = new FakeTimeProvider(T0);
        var healed = false;
        await using var server = await ReplayServer.StartAsync(context => context.Request.Path.StartsWithSegments("/xrpc")
            ? Reply.Json(context, """{ "feed": [] }""")
            : Volatile.Read(ref healed) ? Reply.Json(context, OneStatus) : Reply.Json(context, """{"error":"boom"}""", 502), clock);
        var logs = new CapturingLoggerProvider();
        using var services = SourcesHarness.Build(server, new Dictionary<string, string?>
        {
            ["Sources:Mastodon:Resilience:MaxRetries"] = "0",
            ["Sources:Mastodon:Resilience:BreakerMinimumThroughput"] = "2",
            ["Sources:Mastodon:Resilience:BreakerFailureRatio"] = "0.5",
            ["Sources:Mastodon:Resilience:BreakerDuration"] = "00:01:00",
        }, logs, clock);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => FetchMastodon(services));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => FetchMastodon(services));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => FetchMastodon(services));
        Assert.Equal(2, server.Requests.Count); // the open circuit did not call the server
        Assert.Contains(logs.Lines, line => line.Contains("mastodon", StringComparison.Ordinal) && line.Contains("circuit opened", StringComparison.Ordinal));

        var bluesky = await services.GetRequiredService<BlueskySource>()
            .FetchAsync(SourcesHarness.Account(Platform.Bluesky, "dewi.bsky.social", "did:plc:dewi"), CancellationToken.None);
        Assert.Empty(bluesky.Posts);
        Assert.Equal(3, server.Requests.Count);

        Volatile.Write(ref healed, true);
        clock.Advance(TimeSpan.FromSeconds(59));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => FetchMastodon(services));
        Assert.Equal(3, server.Requests.Count);

        clock.Advance(TimeSpan.FromSeconds(1)); // the break is over: one call goes through, succeeds, and closes the circuit
        Assert.Single((await FetchMastodon(services)).Posts);
        Assert.Equal(4, server.Requests.Count);
        Assert.Contains(logs.Lines, line => line.Contains("circuit closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_dead_feed_host_does_not_open_the_circuit_of_another()
    {
        await using var dead = await ReplayServer.StartAsync(context => Reply.Xml(context, "<error/>", 502));
        await using var alive = await ReplayServer.StartAsync(context => Reply.Xml(context, EmptyRss));
        using var services = SourcesHarness.Build(dead, new Dictionary<string, string?>
        {
            ["Sources:Rss:Resilience:MaxRetries"] = "0",
            ["Sources:Rss:Resilience:BreakerMinimumThroughput"] = "2",
        });
        var rss = services.GetRequiredService<RssSource>();
        Task<Core.Ports.FetchResult> Fetch(ReplayServer server) =>
            rss.FetchAsync(SourcesHarness.Account(Platform.Rss, new Uri(server.BaseUrl, "feed.xml").AbsoluteUri), CancellationToken.None);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Fetch(dead));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Fetch(dead));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => Fetch(dead));

        Assert.Empty((await Fetch(alive)).Posts);
        Assert.Equal(2, dead.Requests.Count);
        Assert.Single(alive.Requests);
    }
}
