using SocialWatch.Core.Ingestion;
using SocialWatch.Sources.Jsonl;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Sources.Bluesky;
using SocialWatch.Sources.Evidence;
using SocialWatch.Sources.Feeds;
using SocialWatch.Sources.Http;
using SocialWatch.Sources.Mastodon;
using SocialWatch.Sources.X;

using SocialWatch.Sources;

// In the DI namespace by the usual convention, so hosts call AddSources without a using.
namespace Microsoft.Extensions.DependencyInjection;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="IPostSource"/> per platform, each a typed HttpClient whose requests run through its
    /// platform's resilience handler (Microsoft.Extensions.Http.Resilience); X is registered only when a bearer token is set.
    /// <code>
    /// "Sources": {
    ///   "Mastodon": { "BaseUrl": "https://mastodon.social", "PageSize": 40, "Resilience": { "MaxRetries": 5 } },
    ///   "X": { "BearerToken": "" }
    /// }
    /// </code>
    /// </summary>
    public static IServiceCollection AddSources(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SourcesOptions>().Bind(configuration.GetSection(SourcesOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourcesOptions>, SourcesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<SourcesStartupLog>();
        services.TryAddSingleton<IImportFileReader, JsonlImportFileReader>();
        // One process's pauses; the storage registers the database's, shared by every node.
        services.TryAddSingleton<IRateLimitStore, ProcessRateLimitStore>();

        AddSource<MastodonSource>(services, Platform.Mastodon);
        AddSource<BlueskySource>(services, Platform.Bluesky);
        AddSource<RssSource>(services, Platform.Rss);
        AddSource<YoutubeSource>(services, Platform.Youtube);

        AddEvidence(services, configuration);

        var x = new XOptions();
        configuration.GetSection($"{SourcesOptions.SectionName}:X").Bind(x);
        if (x.Enabled)
        {
            AddSource<XSource>(services, Platform.X);
        }

        return services;
    }

    private static void AddSource<TSource>(IServiceCollection services, Platform platform)
        where TSource : class, IPostSource
    {
        var client = services.AddHttpClient<TSource>((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<SourcesOptions>>().Value;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
                // The resilience pipeline times each attempt; an overall client timeout would cut retries short.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // Sources may be held for a long time by the poller, so connections, not handlers, are recycled (DNS changes).
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = System.Net.DecompressionMethods.All,
            });
        // One pipeline per platform and host, so one dead blog or Mastodon instance cannot open the others' circuit.
        client.AddResilienceHandler(platform.ToCode(), (pipeline, context) => SourceResilience.Configure(pipeline, context, platform))
            .SelectPipelineByAuthority();
        // Added after the resilience handler, so it runs inside every attempt.
        client.AddHttpMessageHandler(sp => new SharedRateLimitHandler(platform.ToCode(), sp.GetRequiredService<IRateLimitStore>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<SharedRateLimitHandler>()));
        client.AddHttpMessageHandler(sp => new BufferedBodyHandler(sp.GetRequiredService<IOptions<SourcesOptions>>().Value.MaxResponseBytes));
        services.AddTransient<IPostSource>(sp => sp.GetRequiredService<TSource>());
    }

    /// <summary>
    /// The media fetcher of flag evidence ("Evidence" section): a typed HttpClient built like the connectors' (same
    /// primary handler, the same resilience strategies, one pipeline per media host), whose body handler stops at
    /// <c>Evidence:MaxMediaBytes</c>. Mastodon reads the parent of a reply by id.
    /// </summary>
    private static void AddEvidence(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EvidenceOptions>().Bind(configuration.GetSection(EvidenceOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvidenceOptions>, EvidenceOptionsValidator>());
        var client = services.AddHttpClient<IEvidenceFetcher, HttpEvidenceFetcher>((sp, client) =>
            {
                client.DefaultRequestHeaders.UserAgent.ParseAdd(sp.GetRequiredService<IOptions<SourcesOptions>>().Value.UserAgent);
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        client.AddResilienceHandler("evidence", (pipeline, context) =>
                SourceResilience.Configure(pipeline, context, context.ServiceProvider.GetRequiredService<IOptions<EvidenceOptions>>().Value.Resilience, "evidence"))
            .SelectPipelineByAuthority();
        client.AddHttpMessageHandler(sp => new HttpEvidenceFetcher.MediaBodyHandler(sp.GetRequiredService<IOptions<EvidenceOptions>>().Value.MaxMediaBytes));
        services.AddTransient<IParentPostSource>(sp => sp.GetRequiredService<MastodonSource>());
    }

    /// <summary>Says once at start which connectors run, and why X does not when it has no token.</summary>
    private sealed class SourcesStartupLog(IEnumerable<IPostSource> sources, IOptions<SourcesOptions> options, ILogger<SourcesStartupLog> logger)
        : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var platforms = string.Join(", ", sources.Select(s => s.Platform.ToCode()));
            Log.SourcesEnabled(logger, platforms);
            if (!options.Value.X.Enabled)
            {
                Log.XDisabled(logger);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
