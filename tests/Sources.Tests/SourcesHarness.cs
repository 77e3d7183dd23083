using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SocialWatch.Core.Domain;

namespace SocialWatch.Sources.Tests;

/// <summary>Builds the connectors exactly as the hosts do (AddSources), pointed at a replay server, with short delays.</summary>
public static class SourcesHarness
{
    /// <param name="time">The clock the pipelines wait on (a FakeTimeProvider the test advances); the system clock when null.</param>
    public static ServiceProvider Build(ReplayServer server, IDictionary<string, string?>? overrides = null, ILoggerProvider? logs = null, TimeProvider? time = null)
    {
        var values = Settings(server);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        return services
            .AddLogging(b =>
            {
                b.SetMinimumLevel(LogLevel.Trace);
                if (logs is not null)
                {
                    b.AddProvider(logs);
                }
            })
            .AddSources(configuration)
            .BuildServiceProvider();
    }

    /// <summary>The "Sources" settings that point every connector at the replay server, with short retry delays.</summary>
    public static Dictionary<string, string?> Settings(ReplayServer server)
    {
        var values = new Dictionary<string, string?>
        {
            ["Sources:Mastodon:BaseUrl"] = server.BaseUrl.AbsoluteUri,
            ["Sources:Mastodon:ResolveHomeInstance"] = "false",
            ["Sources:Bluesky:BaseUrl"] = server.BaseUrl.AbsoluteUri,
            ["Sources:X:BaseUrl"] = server.BaseUrl.AbsoluteUri,
            ["Sources:X:BearerToken"] = "token-uji-rahasia",
            ["Sources:Youtube:BaseUrl"] = server.BaseUrl.AbsoluteUri,
        };
        foreach (var platform in new[] { "Mastodon", "Bluesky", "X", "Rss", "Youtube" })
        {
            var key = $"Sources:{platform}:Resilience";
            values[$"{key}:AttemptTimeout"] = "00:00:05";
            values[$"{key}:MaxRetries"] = "3";
            values[$"{key}:BaseDelay"] = "00:00:00.010";
            values[$"{key}:MaxDelay"] = "00:00:00.050";
            values[$"{key}:RateLimitJitter"] = "00:00:00";
            values[$"{key}:MaxRateLimitWait"] = "00:00:05";
            values[$"{key}:BreakerMinimumThroughput"] = "1000";
        }
        return values;
    }

    public static WatchedAccount Account(Platform platform, string handle, string? platformId = null, string? cursor = null) =>
        new(1, platform, handle, platformId, 1, AccountStatus.Active, cursor, null, 0, null);
}
