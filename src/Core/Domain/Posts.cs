namespace SocialWatch.Core.Domain;

/// <summary>
/// One post as a connector read it from a platform (shared/docs/platform-apis.md §0), before it is stored.
/// Ids are opaque strings: never parse them to numbers.
/// </summary>
public sealed record FetchedPost
{
    public required Platform Platform { get; init; }
    public required string PlatformPostId { get; init; }
    /// <summary>The platform's stable id of the author, when the platform gives one.</summary>
    public string? AccountPlatformId { get; init; }
    public required string AccountHandle { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    /// <summary>Plain text (HTML already turned into text). For a repost, the author's own words, often empty.</summary>
    public required string Text { get; init; }
    public string? Language { get; init; }
    public string? Url { get; init; }
    public bool IsRepost { get; init; }
    public bool IsQuote { get; init; }
    public string? ReplyToPostId { get; init; }
    /// <summary>The text of the reposted or quoted post: sharing a candidate's post is itself a signal.</summary>
    public string? SharedText { get; init; }
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public IReadOnlyList<string> Mentions { get; init; } = [];
    public IReadOnlyList<string> MediaDescriptions { get; init; } = [];
    public IReadOnlyList<string> MediaUrls { get; init; } = [];
    /// <summary>The platform's original item, kept byte for byte as evidence.</summary>
    public required string RawPayload { get; init; }

    /// <summary>Everything a reader of the post sees as words: own text, shared text and media alt text.</summary>
    public string ClassifiableText => string.Join("\n",
        new[] { Text, SharedText }.Concat(MediaDescriptions).Where(s => !string.IsNullOrWhiteSpace(s)));
}

/// <summary>A stored post (latest version). Text and payload are null once retention purged them.</summary>
public sealed record StoredPost(
    long Id,
    long AccountId,
    Platform Platform,
    string PlatformPostId,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset FetchedAt,
    DateTimeOffset? EditedAt,
    DateTimeOffset? DeletedAt,
    DateTimeOffset? PurgedAt,
    string? Text,
    string? Language,
    string? Url,
    bool IsRepost,
    bool IsQuote,
    string? ReplyToPostId,
    string? SharedText,
    IReadOnlyList<string> Hashtags,
    IReadOnlyList<string> Mentions,
    IReadOnlyList<string> MediaDescriptions,
    IReadOnlyList<string> MediaUrls,
    string? RawPayload,
    string RawSha256);

/// <summary>What storing a fetched post did.</summary>
public enum StoreOutcome
{
    /// <summary>First time we saw this post.</summary>
    Inserted,
    /// <summary>Seen before with the same payload hash: nothing written.</summary>
    Unchanged,
    /// <summary>Seen before with different content (an edit): kept as a new version, the old one stays.</summary>
    NewVersion,
}

public sealed record StoreResult(StoredPost Post, StoreOutcome Outcome);
