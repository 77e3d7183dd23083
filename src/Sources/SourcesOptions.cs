using SocialWatch.Core.Domain;

namespace SocialWatch.Sources;

/// <summary>
/// The "Sources" configuration section: one block per platform. Every delay is configurable so tests can shrink it.
/// </summary>
public sealed class SourcesOptions
{
    public const string SectionName = "Sources";

    /// <summary>Sent on every request so platform operators can tell who is calling (platform-apis.md §7).</summary>
    public string UserAgent { get; set; } = "SocialWatch/1.0";

    /// <summary>Bodies larger than this are refused: feeds and APIs never need more, and it caps a hostile server.</summary>
    public long MaxResponseBytes { get; set; } = 8 * 1024 * 1024;

    public MastodonOptions Mastodon { get; set; } = new();
    public BlueskyOptions Bluesky { get; set; } = new();
    public XOptions X { get; set; } = new();
    public FeedOptions Rss { get; set; } = new();
    public YoutubeOptions Youtube { get; set; } = new();

    public ResilienceOptions ResilienceFor(Platform platform) => platform switch
    {
        Platform.Mastodon => Mastodon.Resilience,
        Platform.Bluesky => Bluesky.Resilience,
        Platform.X => X.Resilience,
        Platform.Rss => Rss.Resilience,
        Platform.Youtube => Youtube.Resilience,
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "no HTTP connector for this platform"),
    };
}

public sealed class MastodonOptions
{
    /// <summary>The instance asked about handles written without a domain (and about every handle when
    /// <see cref="ResolveHomeInstance"/> is off).</summary>
    public Uri BaseUrl { get; set; } = new("https://mastodon.social");

    /// <summary>Ask an account's home instance (<c>user@host</c> → <c>https://host</c>): other servers hold only what federated to them.</summary>
    public bool ResolveHomeInstance { get; set; } = true;

    /// <summary>Optional token for <see cref="BaseUrl"/> only, for instances that refuse anonymous reads.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>Statuses per request; the API allows at most 40.</summary>
    public int PageSize { get; set; } = 40;

    public int MaxPagesPerPoll { get; set; } = 10;
    public ResilienceOptions Resilience { get; set; } = new();
}

public sealed class BlueskyOptions
{
    /// <summary>The public, cached AppView: no authentication.</summary>
    public Uri BaseUrl { get; set; } = new("https://public.api.bsky.app");

    /// <summary>Feed items per request; the API allows 1 to 100.</summary>
    public int PageSize { get; set; } = 100;

    public int MaxPagesPerPoll { get; set; } = 10;

    /// <summary>Items this much older than the watermark are taken as seen: <c>createdAt</c> is declared by the client.</summary>
    public TimeSpan ClockSkewMargin { get; set; } = TimeSpan.FromMinutes(10);

    public ResilienceOptions Resilience { get; set; } = new();
}

public sealed class XOptions
{
    public Uri BaseUrl { get; set; } = new("https://api.x.com");

    /// <summary>App-only bearer token. Empty disables the X connector (reads are billed per post).
    /// Set it through the environment (<c>SOCIALWATCH__Sources__X__BearerToken</c>), not in a committed file.</summary>
    public string BearerToken { get; set; } = "";

    /// <summary>Posts per request; the API allows 5 to 100.</summary>
    public int PageSize { get; set; } = 100;

    public ResilienceOptions Resilience { get; set; } = new();

    public bool Enabled => !string.IsNullOrWhiteSpace(BearerToken);
}

public sealed class FeedOptions
{
    /// <summary>How many item keys the cursor remembers per feed; more than any feed shows at once.</summary>
    public int SeenItemsKept { get; set; } = 300;

    public ResilienceOptions Resilience { get; set; } = new();
}

public sealed class YoutubeOptions
{
    /// <summary>Channel feeds live at <c>{BaseUrl}/feeds/videos.xml?channel_id=…</c>; no key is needed.</summary>
    public Uri BaseUrl { get; set; } = new("https://www.youtube.com");

    public int SeenItemsKept { get; set; } = 300;
    public ResilienceOptions Resilience { get; set; } = new();
}

/// <summary>Timeout, retry and circuit breaker of one platform (platform-apis.md §7).</summary>
public sealed class ResilienceOptions
{
    /// <summary>Each attempt, body included, must finish within this.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt on transient failures (5xx, 408, 429, network, timeout); 0 turns retry off.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First backoff delay; it doubles each retry, with jitter, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait a server may ask for (Retry-After, rate-limit reset); a longer one ends the poll instead.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Up to this much is added at random to a server-advised wait, so callers do not return in step.</summary>
    public TimeSpan RateLimitJitter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The circuit opens when this share of calls failed within <see cref="BreakerSamplingDuration"/>…</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>…and at least this many calls were made in that window.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an open circuit refuses calls before letting one through to test the platform.</summary>
    public TimeSpan BreakerDuration { get; set; } = TimeSpan.FromMinutes(1);
}
