using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Ports;

/// <summary>The loaded classification model. Thread-safe; one instance per process.</summary>
public interface IPostClassifier
{
    string ModelVersion { get; }
    ClassificationResult Classify(string text);
}

/// <summary>A page of posts from one account, and the cursor to store once they are safely written.</summary>
/// <param name="Posts">Newest first or oldest first, as the platform gives them; may repeat earlier items.</param>
/// <param name="NextCursor">The checkpoint after these posts (since_id, newest id, or feed cursor); null keeps the old one.</param>
/// <param name="Quarantined">Items the connector could not map, with why, to be kept as evidence.</param>
public sealed record FetchResult(
    IReadOnlyList<FetchedPost> Posts,
    string? NextCursor,
    string? PlatformAccountId,
    IReadOnlyList<(string RawPayload, string Reason)> Quarantined)
{
    /// <summary>
    /// Set only by a source that listed every live post of the account created since a time (not just those
    /// newer than the cursor): stored posts in that window missing from the list are marked deleted.
    /// </summary>
    public LiveWindow? LiveWindow { get; init; }
}

/// <summary>The platform post ids of all live posts an account has created since <paramref name="Since"/>.</summary>
public sealed record LiveWindow(DateTimeOffset Since, IReadOnlyList<string> LivePostIds);

/// <summary>A platform that returned a permanent error for an account (gone, suspended, 401, 403).</summary>
public sealed class PermanentSourceException : Exception
{
    public PermanentSourceException(string message) : base(message) { }
    public PermanentSourceException(string message, Exception innerException) : base(message, innerException) { }
    public PermanentSourceException() { }
}

/// <summary>One connector per platform: reads an account's public posts newer than the cursor.</summary>
public interface IPostSource
{
    Platform Platform { get; }

    /// <exception cref="PermanentSourceException">The account is gone or access is denied; do not retry.</exception>
    Task<FetchResult> FetchAsync(WatchedAccount account, CancellationToken ct);
}
