using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using SocialWatch.Core.Domain;

namespace SocialWatch.Sources.Http;

/// <summary>
/// The strategies of one platform's resilience pipeline (Microsoft.Extensions.Http.Resilience builds one per platform
/// and host, see <see cref="SourcesServiceCollectionExtensions"/>). Outside in: retry (backoff, or the wait the server
/// asked for) → circuit breaker → per-attempt timeout. Our rules replace the library's in two places: a wait is also
/// read from the rate-limit reset headers and is jittered, and a wait longer than allowed ends the poll.
/// </summary>
internal static class SourceResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context, Platform platform) =>
        Configure(pipeline, context, context.ServiceProvider.GetRequiredService<IOptions<SourcesOptions>>().Value.ResilienceFor(platform), platform.ToCode());

    /// <param name="code">What the log lines name as the platform (a platform code, or "evidence" for media fetches).</param>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context, ResilienceOptions settings, string code)
    {
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SourceResilience));
        var host = context.InstanceName;

        if (settings.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                ShouldRetryAfterHeader = false, // ServerAdvisedDelay reads Retry-After and more
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, settings, time.GetUtcNow())),
                DelayGenerator = args => ValueTask.FromResult(ServerAdvisedDelay(args.Outcome, settings, time.GetUtcNow())),
                OnRetry = args =>
                {
                    Log.RetryScheduled(logger, args.Outcome.Exception, code, host, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = settings.BreakerFailureRatio,
            MinimumThroughput = settings.BreakerMinimumThroughput,
            SamplingDuration = settings.BreakerSamplingDuration,
            BreakDuration = settings.BreakerDuration,
            // A 429 is the platform pacing us, not failing: the retry waits for it instead.
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests),
            OnOpened = args =>
            {
                Log.CircuitOpened(logger, args.Outcome.Exception, code, host, args.BreakDuration, Describe(args.Outcome));
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                Log.CircuitClosed(logger, code, host);
                return ValueTask.CompletedTask;
            },
        });

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings.AttemptTimeout });
    }

    /// <summary>5xx, 408 and 429.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The library's transient outcomes, plus a body cut short (an <see cref="IOException"/> while buffering it).</summary>
    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        HttpClientResiliencePredicates.IsTransient(outcome) || outcome.Exception is IOException;

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceOptions settings, DateTimeOffset now)
    {
        if (!IsTransient(outcome))
        {
            return false;
        }

        // A server asking for a longer wait than we accept ends this poll; the scheduler comes back later.
        return outcome.Result is not { } response || RetryAdvice.AdvisedWait(response, now) is not { } advised || advised <= settings.MaxRateLimitWait;
    }

    /// <summary>The server's wait plus jitter, so callers do not come back in step; null leaves the jittered backoff.</summary>
    private static TimeSpan? ServerAdvisedDelay(Outcome<HttpResponseMessage> outcome, ResilienceOptions settings, DateTimeOffset now)
    {
        if (outcome.Result is not { } response || RetryAdvice.AdvisedWait(response, now) is not { } advised)
        {
            return null;
        }

        return advised + TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * settings.RateLimitJitter.Ticks));
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } e ? e.GetType().Name : $"HTTP {(int)outcome.Result!.StatusCode}";
}
