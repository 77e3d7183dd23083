using System.Data.Common;
using SocialWatch.Core.Domain;

namespace SocialWatch.Storage;

/// <summary>Where a stored payload landed: the post, the version it is, and whether that is the post's current version.</summary>
public readonly record struct StoredVersion(long PostId, int Version, bool IsCurrent, StoreOutcome Outcome);

/// <summary>
/// The idempotency rules of storing a post (insert, unchanged by hash, or next version), on the caller's transaction.
/// Written per engine because it is ingestion's hot path: prepared statements per row on SQLite, set-based
/// statements per batch on PostgreSQL.
/// </summary>
public interface IPostWriter
{
    Task<StoredVersion> StorePostAsync(DbConnection connection, DbTransaction transaction, long accountId, FetchedPost post, string sha, DateTimeOffset fetchedAt, CancellationToken ct);
}
