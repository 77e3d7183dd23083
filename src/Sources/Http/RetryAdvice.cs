using System.Globalization;

namespace SocialWatch.Sources.Http;

/// <summary>
/// How long a server asked us to wait: <c>Retry-After</c> first (seconds or HTTP-date), then, on a 429, the
/// rate-limit reset headers (platform-apis.md §7: Mastodon sends ISO 8601, Bluesky and X epoch seconds).
/// </summary>
internal static class RetryAdvice
{
    private static readonly string[] ResetHeaders = ["x-ratelimit-reset", "x-rate-limit-reset", "ratelimit-reset"];

    // Values below this are delta-seconds (IETF RateLimit draft), above it Unix timestamps.
    private const long EpochThreshold = 1_000_000_000;

    public static TimeSpan? AdvisedWait(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return NotNegative(delta);
        }

        if (retryAfter?.Date is { } date)
        {
            return NotNegative(date - now);
        }

        if ((int)response.StatusCode != 429)
        {
            return null;
        }

        return ResetWait(response, now);
    }

    private static readonly string[] RemainingHeaders = ["x-ratelimit-remaining", "x-rate-limit-remaining", "ratelimit-remaining"];

    /// <summary>
    /// How long every caller of this host must stop: the wait a 429 asks for, or, on any response whose remaining quota
    /// is 0, the time until its reset. Null when the host may be called again at once.
    /// </summary>
    public static TimeSpan? RateLimitPause(HttpResponseMessage response, DateTimeOffset now)
    {
        if ((int)response.StatusCode == 429)
        {
            return AdvisedWait(response, now);
        }
        var exhausted = RemainingHeaders.Any(h => response.Headers.TryGetValues(h, out var values) && values.First().Trim() == "0");
        return exhausted ? ResetWait(response, now) : null;
    }

    private static TimeSpan? ResetWait(HttpResponseMessage response, DateTimeOffset now)
    {
        foreach (var header in ResetHeaders)
        {
            if (response.Headers.TryGetValues(header, out var values) && ParseReset(values.First(), now) is { } wait)
            {
                return wait;
            }
        }

        return null;
    }

    internal static TimeSpan? ParseReset(string value, DateTimeOffset now)
    {
        value = value.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number >= EpochThreshold
                ? NotNegative(DateTimeOffset.FromUnixTimeSeconds(number) - now)
                : TimeSpan.FromSeconds(number);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var reset)
            ? NotNegative(reset - now)
            : null;
    }

    private static TimeSpan NotNegative(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
}
