using Microsoft.Extensions.Options;

namespace SocialWatch.Sources;

/// <summary>Checks the whole "Sources" section at start-up and names every bad key, so the host stops with a clear message.</summary>
internal sealed class SourcesOptionsValidator : IValidateOptions<SourcesOptions>
{
    public ValidateOptionsResult Validate(string? name, SourcesOptions options)
    {
        var failures = new List<string>();
        const string root = SourcesOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.UserAgent))
        {
            failures.Add($"{root}:UserAgent must not be empty.");
        }

        if (options.MaxResponseBytes is < 1024 or > int.MaxValue)
        {
            failures.Add($"{root}:MaxResponseBytes must be between 1024 and {int.MaxValue}.");
        }

        CheckUrl(failures, $"{root}:Mastodon:BaseUrl", options.Mastodon.BaseUrl);
        CheckRange(failures, $"{root}:Mastodon:PageSize", options.Mastodon.PageSize, 1, 40);
        CheckRange(failures, $"{root}:Mastodon:MaxPagesPerPoll", options.Mastodon.MaxPagesPerPoll, 1, 1000);
        CheckResilience(failures, $"{root}:Mastodon:Resilience", options.Mastodon.Resilience);

        CheckUrl(failures, $"{root}:Bluesky:BaseUrl", options.Bluesky.BaseUrl);
        CheckRange(failures, $"{root}:Bluesky:PageSize", options.Bluesky.PageSize, 1, 100);
        CheckRange(failures, $"{root}:Bluesky:MaxPagesPerPoll", options.Bluesky.MaxPagesPerPoll, 1, 1000);
        if (options.Bluesky.ClockSkewMargin < TimeSpan.Zero)
        {
            failures.Add($"{root}:Bluesky:ClockSkewMargin must not be negative.");
        }

        CheckResilience(failures, $"{root}:Bluesky:Resilience", options.Bluesky.Resilience);

        CheckUrl(failures, $"{root}:X:BaseUrl", options.X.BaseUrl);
        CheckRange(failures, $"{root}:X:PageSize", options.X.PageSize, 5, 100);
        CheckResilience(failures, $"{root}:X:Resilience", options.X.Resilience);

        CheckRange(failures, $"{root}:Rss:SeenItemsKept", options.Rss.SeenItemsKept, 10, 5000);
        CheckResilience(failures, $"{root}:Rss:Resilience", options.Rss.Resilience);

        CheckUrl(failures, $"{root}:Youtube:BaseUrl", options.Youtube.BaseUrl);
        CheckRange(failures, $"{root}:Youtube:SeenItemsKept", options.Youtube.SeenItemsKept, 10, 5000);
        CheckResilience(failures, $"{root}:Youtube:Resilience", options.Youtube.Resilience);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(List<string> failures, string key, Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{key} must be an absolute http or https URL.");
        }
    }

    private static void CheckRange(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} must be between {min} and {max} (was {value}).");
        }
    }

    // The ranges are the ones Polly enforces when it builds the pipeline; checking them here names the key.
    internal static void CheckResilience(List<string> failures, string key, ResilienceOptions options)
    {
        CheckSpan(failures, $"{key}:AttemptTimeout", options.AttemptTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(24));
        CheckRange(failures, $"{key}:MaxRetries", options.MaxRetries, 0, 100);
        CheckSpan(failures, $"{key}:BaseDelay", options.BaseDelay, TimeSpan.Zero, TimeSpan.FromHours(24));
        CheckSpan(failures, $"{key}:MaxDelay", options.MaxDelay, options.BaseDelay, TimeSpan.FromHours(24));
        CheckSpan(failures, $"{key}:MaxRateLimitWait", options.MaxRateLimitWait, TimeSpan.Zero, TimeSpan.FromHours(24));
        CheckSpan(failures, $"{key}:RateLimitJitter", options.RateLimitJitter, TimeSpan.Zero, TimeSpan.FromHours(1));
        if (options.BreakerFailureRatio is <= 0 or > 1)
        {
            failures.Add($"{key}:BreakerFailureRatio must be above 0 and at most 1.");
        }

        CheckRange(failures, $"{key}:BreakerMinimumThroughput", options.BreakerMinimumThroughput, 2, int.MaxValue);
        CheckSpan(failures, $"{key}:BreakerSamplingDuration", options.BreakerSamplingDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
        CheckSpan(failures, $"{key}:BreakerDuration", options.BreakerDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
    }

    private static void CheckSpan(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} must be between {min} and {max} (was {value}).");
        }
    }
}
