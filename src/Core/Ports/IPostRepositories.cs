using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Ports;

public interface IPostRepository
{
    /// <summary>
    /// Stores a fetched post idempotently on (platform, platform post id): a new post is inserted, an identical
    /// payload (same SHA-256) changes nothing, different content becomes a new version beside the old one.
    /// </summary>
    Task<StoreResult> StoreAsync(long accountId, FetchedPost post, DateTimeOffset fetchedAt, CancellationToken ct = default);

    Task<StoredPost?> GetAsync(long postId, CancellationToken ct = default);

    /// <summary>All stored versions of a post, oldest first: the evidence trail of edits.</summary>
    Task<IReadOnlyList<StoredPost>> GetVersionsAsync(long postId, CancellationToken ct = default);

    /// <summary>The stored id of a post, or null when we never stored it.</summary>
    Task<long?> FindIdAsync(Platform platform, string platformPostId, CancellationToken ct = default);

    /// <summary>Marks posts that vanished from the platform; their evidence stays.</summary>
    Task MarkDeletedAsync(long postId, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Platform post ids of an account's posts created at or after <paramref name="since"/> and not marked deleted.</summary>
    Task<IReadOnlyList<string>> ListLivePostIdsAsync(long accountId, DateTimeOffset since, CancellationToken ct = default);

    /// <summary>Blanks text and payload of unflagged posts fetched before the cutoff. Returns how many were purged.</summary>
    Task<int> PurgeUnflaggedAsync(DateTimeOffset fetchedBefore, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Keeps a payload that could not be mapped, with the reason, so nothing is silently lost.</summary>
    Task QuarantineAsync(Platform platform, long? accountId, string rawPayload, string reason, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Post versions the classifier threw on, newest failure first.</summary>
    Task<IReadOnlyList<FailedClassification>> ListClassificationFailuresAsync(int limit, CancellationToken ct = default);

    /// <summary>
    /// Failures of current post versions recorded by a model other than <paramref name="currentModelVersion"/>: what a
    /// new model should try again (a failure of the current model would only fail again).
    /// </summary>
    Task<IReadOnlyList<FailedClassification>> ListRetryableClassificationFailuresAsync(string currentModelVersion, int limit, CancellationToken ct = default);

    /// <summary>Quarantined payloads, newest first.</summary>
    Task<IReadOnlyList<QuarantinedItem>> ListQuarantineAsync(int limit, CancellationToken ct = default);

    Task<IngestionProblemCounts> CountIngestionProblemsAsync(CancellationToken ct = default);
}

public interface IClassificationRepository
{
    /// <summary>Idempotent on (post, version, model version): returns the existing row when already stored.</summary>
    Task<StoredClassification> SaveAsync(long postId, int postVersion, ClassificationResult result, DateTimeOffset at, CancellationToken ct = default);

    Task<StoredClassification?> GetLatestAsync(long postId, CancellationToken ct = default);
}

/// <summary>Why the classifier could not judge a post's text: a bug of that model or of its lexicon.</summary>
public sealed record ClassificationFailure(string ModelVersion, string Error);

/// <summary>One post of an ingestion batch, with the current model's verdict on its text, or why there is none.</summary>
/// <param name="Classification">The verdict; null exactly when <paramref name="Failure"/> is set.</param>
/// <param name="DeletedAt">When the source says the post was removed from the platform (an export can know this); its evidence stays.</param>
/// <param name="Failure">The classifier threw on this post: it is stored with its evidence and the error, and retried after the next model change.</param>
public sealed record IngestItem(long AccountId, FetchedPost Post, ClassificationResult? Classification, DateTimeOffset? DeletedAt = null, ClassificationFailure? Failure = null);

/// <summary>What storing one item did.</summary>
/// <param name="Stored">Whether the post was new, unchanged or an edit.</param>
/// <param name="Classified">Whether the item's classification was stored (new or changed content, or an earlier run stopped before it).</param>
/// <param name="FlagId">The review flag this item created, or null (not a flag, or the post already had one).</param>
/// <param name="ClassificationFailed">The post was stored without a verdict, its classification failure recorded.</param>
public sealed record IngestOutcome(long PostId, int Version, StoreOutcome Stored, bool Classified, long? FlagId, bool ClassificationFailed = false);

/// <summary>A stored post version the classifier threw on, as admins see it.</summary>
public sealed record FailedClassification(
    long PostId,
    int PostVersion,
    long AccountId,
    Platform Platform,
    string AccountHandle,
    string PlatformPostId,
    string ModelVersion,
    string Error,
    DateTimeOffset FailedAt,
    int Attempts);

/// <summary>A payload a connector or an import could not map, as admins see it.</summary>
public sealed record QuarantinedItem(long Id, Platform Platform, string? AccountHandle, string Reason, DateTimeOffset QuarantinedAt, string RawPayload);

/// <summary>Posts waiting for an admin's eye: classification failures and quarantined payloads.</summary>
public sealed record IngestionProblemCounts(int FailedClassifications, int Quarantined);

/// <summary>
/// The write side of ingestion: a batch of posts, their classifications and flags in one transaction, so a crash
/// loses at most the batch in flight and a rerun of it finishes the work without duplicating any of it.
/// </summary>
public interface IIngestionStore
{
    /// <summary>
    /// For each item in order: the post is stored idempotently (see <see cref="IPostRepository.StoreAsync"/>); the
    /// classification is stored for a new post or a new version, and for an unchanged post whose current version has
    /// none yet (an earlier run stopped in between); a flag is created when the stored classification of the current
    /// model is a flag and the post has no flag. A post an older model judged is left as it is.
    /// </summary>
    Task<IReadOnlyList<IngestOutcome>> StoreAsync(IReadOnlyList<IngestItem> items, DateTimeOffset fetchedAt, CancellationToken ct = default);
}
