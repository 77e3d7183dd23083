using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Ingestion;

/// <summary>
/// How often and how hard each platform is polled.
/// <code>
/// "Ingestion": {
///   "Platforms": { "Mastodon": { "Interval": "00:15:00", "MaxConcurrency": 2, "Jitter": "00:00:30" } },
///   "DeletionWindow": "7.00:00:00",
///   "LeaseDuration": "00:10:00"
/// }
/// </code>
/// A platform without an entry uses <see cref="PlatformPollingOptions"/>'s defaults.
/// </summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    public Dictionary<Platform, PlatformPollingOptions> Platforms { get; init; } = [];

    /// <summary>How far back a source's list of live posts is compared with ours to find deleted posts.</summary>
    public TimeSpan DeletionWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a node holds the accounts it claimed for a round. A node that dies mid-round leaves its accounts to the
    /// others once the lease expires; keep it above the longest poll (request timeouts and retries included).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    public PlatformPollingOptions For(Platform platform) =>
        Platforms.TryGetValue(platform, out var options) ? options : PlatformPollingOptions.Default;
}

public sealed class PlatformPollingOptions
{
    public static PlatformPollingOptions Default { get; } = new();

    /// <summary>An account is due when its last poll is at least this old.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many accounts of this platform are polled at the same time.</summary>
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>Each poll waits a random delay up to this long first, so a platform is not hit in bursts.</summary>
    public TimeSpan Jitter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most accounts of this platform taken in one round.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// How long unflagged posts keep their text and payload.
/// <code>"Retention": { "Days": 30 }</code>
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    public int Days { get; set; } = 30;
}
