using System.Net;
using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Ports;

/// <summary>The loaded classification model. Thread-safe; one instance per process.</summary>
public interface IPostClassifier
{
    string ModelVersion { get; }

    /// <param name="regionCode">
    /// The region code of the account's agency, when known: a candidate's name that two regions' contests share is
    /// read as the one of this region instead of being marked ambiguous.
    /// </param>
    ClassificationResult Classify(string text, string? regionCode);

    ClassificationResult Classify(string text) => Classify(text, regionCode: null);
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
    public PermanentSourceException(LocalizableMessage message) : base(message?.ToString()) =>
        Text = message ?? throw new ArgumentNullException(nameof(message));
    public PermanentSourceException(LocalizableMessage message, Exception innerException) : base(message?.ToString(), innerException) =>
        Text = message ?? throw new ArgumentNullException(nameof(message));
    public PermanentSourceException(string message) : this((LocalizableMessage)message) { }
    public PermanentSourceException(string message, Exception innerException) : this((LocalizableMessage)message, innerException) { }
    public PermanentSourceException() : this("the platform refused the account") { }

    /// <summary>The message, for an admin to read in the console's language.</summary>
    public LocalizableMessage Text { get; }
}

/// <summary>A platform that kept failing after the retries (5xx, 429): the next poll tries again.</summary>
public sealed class TransientSourceException : HttpRequestException
{
    public TransientSourceException(LocalizableMessage message, HttpStatusCode? statusCode) : base(message?.ToString(), null, statusCode) =>
        Text = message ?? throw new ArgumentNullException(nameof(message));
    public TransientSourceException(string message) : this(message, statusCode: null) { }
    public TransientSourceException(string message, Exception innerException) : base(message, innerException) => Text = message;
    public TransientSourceException() : this("the platform failed; the next poll tries again") { }

    /// <summary>The message, for an admin to read in the console's language.</summary>
    public LocalizableMessage Text { get; }
}

/// <summary>One connector per platform: reads an account's public posts newer than the cursor.</summary>
public interface IPostSource
{
    Platform Platform { get; }

    /// <exception cref="PermanentSourceException">The account is gone or access is denied; do not retry.</exception>
    Task<FetchResult> FetchAsync(WatchedAccount account, CancellationToken ct);
}
