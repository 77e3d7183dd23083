namespace SocialWatch.Core.Domain;

/// <summary>Where a watched account lives. Stored and shown by its lower-case <see cref="PlatformNames"/> code.</summary>
public enum Platform
{
    Mastodon,
    Bluesky,
    X,
    Rss,
    Youtube,
    // The platforms below offer no usable API: their posts arrive only as exports (docs/jsonl-import.md).
    Facebook,
    Instagram,
    Tiktok,
    Threads,
    /// <summary>Posts exported by another tool from a platform not listed here, dropped as JSONL.</summary>
    Jsonl,
}

/// <summary>The stable text codes of <see cref="Platform"/>, used in the database, the CLI, CSV files and JSON.</summary>
public static class PlatformNames
{
    private static readonly Dictionary<string, Platform> ByCode = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mastodon"] = Platform.Mastodon,
        ["bluesky"] = Platform.Bluesky,
        ["x"] = Platform.X,
        ["twitter"] = Platform.X,
        ["rss"] = Platform.Rss,
        ["youtube"] = Platform.Youtube,
        ["facebook"] = Platform.Facebook,
        ["instagram"] = Platform.Instagram,
        ["tiktok"] = Platform.Tiktok,
        ["threads"] = Platform.Threads,
        ["jsonl"] = Platform.Jsonl,
    };

    public static IReadOnlyList<string> Codes { get; } = ["mastodon", "bluesky", "x", "rss", "youtube", "facebook", "instagram", "tiktok", "threads", "jsonl"];

    /// <summary>Fed only by exported files, never polled: nothing is wrong with such an account when no poll comes.</summary>
    public static bool IsExportOnly(this Platform platform) =>
        platform is Platform.Facebook or Platform.Instagram or Platform.Tiktok or Platform.Threads or Platform.Jsonl;

    public static string ToCode(this Platform platform) => platform switch
    {
        Platform.Mastodon => "mastodon",
        Platform.Bluesky => "bluesky",
        Platform.X => "x",
        Platform.Rss => "rss",
        Platform.Youtube => "youtube",
        Platform.Facebook => "facebook",
        Platform.Instagram => "instagram",
        Platform.Tiktok => "tiktok",
        Platform.Threads => "threads",
        Platform.Jsonl => "jsonl",
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, null),
    };

    public static bool TryParse(string? code, out Platform platform) =>
        ByCode.TryGetValue(code?.Trim() ?? "", out platform);

    /// <exception cref="DomainValidationException">The code names no platform we support.</exception>
    public static Platform Parse(string? code) => TryParse(code, out var platform)
        ? platform
        : throw new DomainValidationException($"unknown platform '{code}' (expected one of: {string.Join(", ", Codes)})");
}
