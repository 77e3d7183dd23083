using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Ports;

/// <summary>A flag whose evidence is not collected yet: what the collector needs from its flagged version.</summary>
/// <param name="Text">The flagged version's own text, or the shared text of a repost: what near-duplicates are compared on.</param>
public sealed record PendingEvidence(long FlagId, long AccountId, Platform Platform, IReadOnlyList<string> MediaUrls, string? ReplyToPostId, string? Text = null);

/// <summary>A media item as the collector fetched it: bytes and type, or the reason nothing is kept.</summary>
public sealed record CollectedMedia(string SourceUrl, string? ContentType, byte[]? Content, string? SkippedReason);

/// <summary>The parent post as the collector found it, or the reason it is not kept (then only the id is known).</summary>
/// <param name="Source">"stored" (a post SocialWatch holds) or "fetched" (asked of the platform at collection time).</param>
public sealed record CollectedParent(
    Platform Platform,
    string PlatformPostId,
    string Source,
    string? AccountHandle = null,
    DateTimeOffset? CreatedAt = null,
    string? Text = null,
    string? Url = null,
    string? RawPayload = null,
    string? SkippedReason = null);

/// <summary>Media and parent posts kept with flags. Written once per flag; never changed afterwards.</summary>
public interface IEvidenceRepository
{
    /// <summary>Flags whose evidence has not been collected, oldest first.</summary>
    Task<IReadOnlyList<PendingEvidence>> ListPendingAsync(int limit, CancellationToken ct = default);

    /// <summary>Stores what was collected for a flag and marks it collected, in one transaction; a flag already collected keeps what it has.</summary>
    Task RecordAsync(long flagId, IReadOnlyList<CollectedMedia> media, CollectedParent? parent, DateTimeOffset at, CancellationToken ct = default);

    Task<FlagEvidence> GetAsync(long flagId, CancellationToken ct = default);

    /// <summary>The bytes of one kept media item with the agency of its flag (for the caller's scope check); null when none are kept.</summary>
    Task<EvidenceMediaContent?> GetMediaAsync(long mediaId, CancellationToken ct = default);
}

/// <summary>Fetches a flagged post's media over HTTP, within <c>Evidence:MaxMediaBytes</c> and the allowed image types.</summary>
public interface IEvidenceFetcher
{
    /// <summary>Never throws for what the remote side does (errors, oversize, wrong type): those become a skipped reason.</summary>
    Task<CollectedMedia> FetchMediaAsync(Platform platform, string url, CancellationToken ct);
}

/// <summary>A connector that can read one post by id: how the parent of a reply is fetched when SocialWatch does not hold it.</summary>
public interface IParentPostSource
{
    Platform Platform { get; }

    /// <summary>The post, or null when the platform says it does not exist (deleted, never public).</summary>
    Task<FetchedPost?> FetchPostAsync(WatchedAccount account, string platformPostId, CancellationToken ct);
}
