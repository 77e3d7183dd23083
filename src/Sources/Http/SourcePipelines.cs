using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using SocialWatch.Core.Domain;

namespace SocialWatch.Sources.Http;

/// <summary>
/// One resilience pipeline per platform and host, shared by every HttpClient the factory creates, so the circuit
/// breaker sees all calls. Keying by host too keeps one dead blog or Mastodon instance from closing the others;
/// Bluesky, X and YouTube each have one host, so there it is simply one breaker per platform.
/// Order, outside in: retry (backoff, server-advised waits) → circuit breaker → per-attempt timeout.
/// </summary>
internal sealed class SourcePipelines(IOptions<SourcesOptions> options, TimeProvider time, ILogger<SourcePipelines> logger)
{
    private readonly ConcurrentDictionary<(Platform, string), ResiliencePipeline<HttpResponseMessage>> pipelines = new();

    public ResiliencePipeline<HttpResponseMessage> For(Platform platform, string host) =>
        pipelines.GetOrAdd((platform, host), key => Build(key.Item1, key.Item2));

    public static ResilienceOptions OptionsFor(SourcesOptions options, Platform platform) => platform switch
    {
        Platform.Mastodon => options.Mastodon.Resilience,
        Platform.Bluesky => options.Bluesky.Resilience,
        Platform.X => options.X.Resilience,
        Platform.Rss => options.Rss.Resilience,
        Platform.Youtube => options.Youtube.Resilience,
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "no HTTP connector for this platform"),
    };

    private ResiliencePipeline<HttpResponseMessage> Build(Platform platform, string host)
    {
        var settings = OptionsFor(options.Value, platform);
        var code = platform.ToCode();
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };

        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, settings)),
                DelayGenerator = args => ValueTask.FromResult(ServerAdvisedDelay(args.Outcome, settings)),
                OnRetry = args =>
                {
                    Log.RetryScheduled(logger, code, host, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = settings.BreakerFailureRatio,
            MinimumThroughput = settings.BreakerMinimumThroughput,
            SamplingDuration = settings.BreakerSamplingDuration,
            BreakDuration = settings.BreakerDuration,
            // A 429 is the platform pacing us, not failing: the retry waits for it instead.
            ShouldHandle = args => ValueTask.FromResult(
                IsTransientException(args.Outcome.Exception) || args.Outcome.Result is { } r && (int)r.StatusCode != 429 && IsTransientStatus(r.StatusCode)),
            OnOpened = args =>
            {
                Log.CircuitOpened(logger, code, host, args.BreakDuration, Describe(args.Outcome));
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                Log.CircuitClosed(logger, code, host);
                return ValueTask.CompletedTask;
            },
        });

        builder.AddTimeout(settings.AttemptTimeout);
        return builder.Build();
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceOptions settings)
    {
        if (outcome.Exception is not null)
        {
            return IsTransientException(outcome.Exception);
        }

        var response = outcome.Result!;
        if (!IsTransientStatus(response.StatusCode))
        {
            return false;
        }

        // A server asking for a longer wait than we accept ends this poll; the scheduler comes back later.
        var advised = RetryAdvice.AdvisedWait(response, time.GetUtcNow());
        return advised is null || advised <= settings.MaxRateLimitWait;
    }

    private TimeSpan? ServerAdvisedDelay(Outcome<HttpResponseMessage> outcome, ResilienceOptions settings)
    {
        if (outcome.Result is not { } response || RetryAdvice.AdvisedWait(response, time.GetUtcNow()) is not { } advised)
        {
            return null; // exponential backoff with jitter
        }

        var jitter = TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * settings.RateLimitJitter.Ticks));
        return advised + jitter;
    }

    internal static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static bool IsTransientException(Exception? exception) =>
        exception is HttpRequestException or TimeoutRejectedException or IOException;

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } e ? e.GetType().Name : $"HTTP {(int)outcome.Result!.StatusCode}";
}
