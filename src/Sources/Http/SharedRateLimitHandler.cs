using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using SocialWatch.Core.Ports;

namespace SocialWatch.Sources.Http;

/// <summary>
/// Keeps every node inside a platform's rate limits: a 429, or a response saying the quota is used up until a reset,
/// pauses the host in <see cref="IRateLimitStore"/> (the database), and while a host is paused no node calls it.
/// Runs inside the resilience handler, once per attempt. A paused attempt is answered here with a 429 carrying the
/// remaining wait as Retry-After, so the retry strategy treats it as the platform's own: it waits when the wait is
/// within MaxRateLimitWait, or ends the poll (the account is polled again next round).
/// </summary>
internal sealed class SharedRateLimitHandler(string platform, IRateLimitStore limits, TimeProvider time, ILogger logger) : DelegatingHandler
{
    public const string PausedReason = "paused by the platform's rate limit (shared by every node)";

    private static readonly TimeSpan MomentBeforeReset = TimeSpan.FromMilliseconds(50);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = request.RequestUri!.Authority;
        var until = await limits.PausedUntilAsync(platform, host, cancellationToken);
        // A timer may wake the retry a moment before the reset it waited for; that moment is waited out here rather
        // than answered with another 429, which would spend a retry (or end the poll) on a pause that is over.
        while (until - time.GetUtcNow() is { } left && left > TimeSpan.Zero && left <= MomentBeforeReset)
        {
            await Task.Delay(left, time, cancellationToken);
        }
        if (until > time.GetUtcNow())
        {
            var wait = until.Value - time.GetUtcNow();
            Log.RateLimitPaused(logger, platform, host, until.Value);
            return new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            {
                RequestMessage = request,
                ReasonPhrase = PausedReason,
                Headers = { RetryAfter = new RetryConditionHeaderValue(wait > TimeSpan.Zero ? wait : TimeSpan.Zero) },
                // Read like a platform's error body, so the poll's failure names the reason.
                Content = new StringContent($$"""{"error":"{{PausedReason}} until {{until.Value:O}}"}""", System.Text.Encoding.UTF8, "application/json"),
            };
        }

        var response = await base.SendAsync(request, cancellationToken);
        var now = time.GetUtcNow();
        if (RetryAdvice.RateLimitPause(response, now) is { } pause && pause > TimeSpan.Zero)
        {
            await limits.PauseAsync(platform, host, now + pause, cancellationToken);
        }
        return response;
    }
}
