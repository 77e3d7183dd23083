using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Hosting;
using SocialWatch.Testing;

namespace SocialWatch.Sources.Tests;

/// <summary>Two nodes over one database calling one Mastodon instance that rate-limits: one node's 429 pauses both.</summary>
public abstract class SharedRateLimitTests(DatabaseEngine engine)
{
    [SkippableFact]
    public async Task A_429_on_one_node_keeps_the_other_from_calling_until_the_reset()
    {
        var reset = DateTimeOffset.MaxValue;
        await using var server = await ReplayServer.StartAsync(context => DateTimeOffset.UtcNow < reset
            ? TooManyRequests(context, reset)
            : Reply.Json(context, "[" + MastodonSourceTests.Status("113000000000000001", "Info layanan.") + "]"));
        var settings = SourcesHarness.Settings(server);
        settings["Sources:Mastodon:Resilience:MaxRateLimitWait"] = "00:00:00"; // this node gives up at once
        await using var database = await TempDatabase.CreateAsync(engine, settings: settings);
        await using var other = Node(database.Configuration, new() { ["Sources:Mastodon:Resilience:MaxRateLimitWait"] = "00:00:05" });
        // The server limits us from now for 1.5 s; whole milliseconds, as the pause is stored in Unix milliseconds.
        reset = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1500);

        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => Mastodon(database.Services).FetchAsync(Account("110000000000000001"), default));
        var fetched = await Mastodon(other).FetchAsync(Account("110000000000000002"), default);

        Assert.Contains("HTTP 429", refused.Message, StringComparison.Ordinal);
        Assert.Single(fetched.Posts);
        // The first node's request met the limit; the other node waited for the reset instead of calling into it.
        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Contains("/110000000000000001/", requests[0].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("/110000000000000002/", requests[1].PathAndQuery, StringComparison.Ordinal);
        Assert.True(requests[1].At >= reset, $"the second node called at {requests[1].At:O}, before the reset at {reset:O}");
        Assert.Equal(reset, await database.Get<IRateLimitStore>().PausedUntilAsync("mastodon", server.BaseUrl.Authority));
    }

    [SkippableFact]
    public async Task A_node_paused_past_its_longest_wait_ends_the_poll_naming_the_pause_without_calling()
    {
        await using var server = await ReplayServer.StartAsync(context => Reply.Json(context, "[]"));
        var settings = SourcesHarness.Settings(server);
        settings["Sources:Mastodon:Resilience:MaxRateLimitWait"] = "00:00:01";
        await using var database = await TempDatabase.CreateAsync(engine, settings: settings);
        var until = DateTimeOffset.UtcNow.AddMinutes(10);
        await database.Get<IRateLimitStore>().PauseAsync("mastodon", server.BaseUrl.Authority, until);
        await database.Get<IRateLimitStore>().PauseAsync("mastodon", server.BaseUrl.Authority, until.AddMinutes(-5)); // an earlier end changes nothing

        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => Mastodon(database.Services).FetchAsync(Account("110000000000000001"), default));

        Assert.Contains("paused by the platform's rate limit (shared by every node)", refused.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(until.ToUnixTimeMilliseconds()),
            await database.Get<IRateLimitStore>().PausedUntilAsync("mastodon", server.BaseUrl.Authority));
    }

    /// <summary>Mastodon's 429 (platform-apis.md §1.4): no Retry-After, the reset as ISO 8601 with microseconds.</summary>
    private static Task TooManyRequests(HttpContext context, DateTimeOffset reset)
    {
        context.Response.Headers["X-RateLimit-Limit"] = "300";
        context.Response.Headers["X-RateLimit-Remaining"] = "0";
        context.Response.Headers["X-RateLimit-Reset"] = reset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        return Reply.Json(context, """{"error":"Too many requests"}""", 429);
    }

    private static WatchedAccount Account(string id) => SourcesHarness.Account(Platform.Mastodon, "pegawai" + id[^1], id);

    private static IPostSource Mastodon(IServiceProvider services) => services.GetServices<IPostSource>().Single(s => s.Platform == Platform.Mastodon);

    /// <summary>Another node: the product's composition over the same database, with some settings of its own.</summary>
    private static ServiceProvider Node(IConfiguration shared, Dictionary<string, string?> own)
    {
        var configuration = new ConfigurationBuilder().AddConfiguration(shared).AddInMemoryCollection(own).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSocialWatch(configuration);
        return services.BuildServiceProvider();
    }
}

public sealed class SqliteSharedRateLimitTests() : SharedRateLimitTests(DatabaseEngine.Sqlite);

public sealed class PostgresSharedRateLimitTests() : SharedRateLimitTests(DatabaseEngine.Postgres);
