namespace SocialWatch.Core.Domain;

/// <summary>Where a watched account lives. Stored and shown by its lower-case <see cref="PlatformNames"/> code.</summary>
public enum Platform
{
    Mastodon,
    Bluesky,
    X,
    Rss,
    Youtube,
    /// <summary>Posts exported by another tool and dropped as JSONL (docs/jsonl-import.md).</summary>
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
        ["jsonl"] = Platform.Jsonl,
    };

    public static IReadOnlyList<string> Codes { get; } = ["mastodon", "bluesky", "x", "rss", "youtube", "jsonl"];

    public static string ToCode(this Platform platform) => platform switch
    {
        Platform.Mastodon => "mastodon",
        Platform.Bluesky => "bluesky",
        Platform.X => "x",
        Platform.Rss => "rss",
        Platform.Youtube => "youtube",
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
