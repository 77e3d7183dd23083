using Microsoft.Data.Sqlite;
using SocialWatch.Core.Domain;
using SocialWatch.Storage.Repositories;

namespace SocialWatch.Storage.Sqlite;

/// <summary>
/// The write rules of ingestion on one connection and transaction, with each statement prepared once and reused
/// for every post of a batch (this is where ingestion spends its time). Used by the ingestion store and by
/// <see cref="PostRepository.StoreAsync"/>, so the idempotency rules live in one place.
/// </summary>
internal sealed class SqlitePostWriter : IDisposable
{
    /// <summary>Whether a post version has a classification, and by which model.</summary>
    public enum ClassificationState
    {
        None,
        ByThisModel,
        ByOtherModelsOnly,
    }

    /// <summary>The first sighting of a deletion is the one that counts.</summary>
    private const string MarkDeletedSql = """
        UPDATE posts SET deleted_at = coalesce(deleted_at, $at) WHERE id = $post_id;
        """;

    private readonly SqliteCommand findPost;
    private readonly SqliteCommand versionWithHash;
    private readonly SqliteCommand insertPost;
    private readonly SqliteCommand nextVersion;
    private readonly SqliteCommand insertVersion;
    private readonly SqliteCommand classificationOf;
    private readonly SqliteCommand anyClassificationOf;
    private readonly SqliteCommand insertClassification;
    private readonly SqliteCommand insertFlag;
    private readonly SqliteCommand markDeleted;
    private readonly SqliteCommand recordFailure;
    private readonly SqliteCommand clearFailure;

    public SqlitePostWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        findPost = Command(connection, transaction, """
            SELECT id, current_version FROM posts WHERE platform = $platform AND platform_post_id = $platform_post_id;
            """, "$platform", "$platform_post_id");
        // Any earlier version with the same hash counts as seen: a platform replica serving a stale copy must not
        // make versions flip back and forth.
        versionWithHash = Command(connection, transaction, """
            SELECT max(version) FROM post_versions WHERE post_id = $post_id AND raw_sha256 = $sha;
            """, "$post_id", "$sha");
        insertPost = Command(connection, transaction, """
            INSERT INTO posts (account_id, platform, platform_post_id, current_version, created_at, fetched_at)
            VALUES ($account_id, $platform, $platform_post_id, 1, $created_at, $fetched_at)
            ON CONFLICT (platform, platform_post_id) DO NOTHING
            RETURNING id;
            """, "$account_id", "$platform", "$platform_post_id", "$created_at", "$fetched_at");
        nextVersion = Command(connection, transaction, """
            UPDATE posts SET current_version = current_version + 1 WHERE id = $post_id RETURNING current_version;
            """, "$post_id");
        insertVersion = Command(connection, transaction, """
            INSERT INTO post_versions (post_id, version, fetched_at, edited_at, text, language, url, is_repost, is_quote,
                reply_to_post_id, shared_text, hashtags, mentions, media_descriptions, media_urls, raw_payload, raw_sha256)
            VALUES ($post_id, $version, $fetched_at, $edited_at, $text, $language, $url, $is_repost, $is_quote,
                $reply_to_post_id, $shared_text, $hashtags, $mentions, $media_descriptions, $media_urls, $raw_payload, $raw_sha256);
            """, "$post_id", "$version", "$fetched_at", "$edited_at", "$text", "$language", "$url", "$is_repost", "$is_quote",
            "$reply_to_post_id", "$shared_text", "$hashtags", "$mentions", "$media_descriptions", "$media_urls", "$raw_payload", "$raw_sha256");
        classificationOf = Command(connection, transaction, """
            SELECT id FROM classifications WHERE post_id = $post_id AND post_version = $post_version AND model_version = $model_version;
            """, "$post_id", "$post_version", "$model_version");
        anyClassificationOf = Command(connection, transaction, """
            SELECT EXISTS (SELECT 1 FROM classifications WHERE post_id = $post_id AND post_version = $post_version);
            """, "$post_id", "$post_version");
        insertClassification = Command(connection, transaction, """
            INSERT INTO classifications (post_id, post_version, model_version, label, scores, signals, classified_at)
            VALUES ($post_id, $post_version, $model_version, $label, $scores, $signals, $at)
            ON CONFLICT (post_id, post_version, model_version) DO NOTHING
            RETURNING id;
            """, "$post_id", "$post_version", "$model_version", "$label", "$scores", "$signals", "$at");
        insertFlag = Command(connection, transaction, """
            INSERT INTO flags (post_id, classification_id, label, score, status, created_at, updated_at, agency_id, platform, post_created_at, staff_id)
            SELECT p.id, $classification_id, $label, $score, 'open', $at, $at, s.agency_id, p.platform, p.created_at, s.id
            FROM posts p JOIN accounts a ON a.id = p.account_id JOIN staff s ON s.id = a.staff_id
            WHERE p.id = $post_id
            ON CONFLICT (post_id) DO NOTHING
            RETURNING id;
            """, "$post_id", "$classification_id", "$label", "$score", "$at");
        markDeleted = Command(connection, transaction, MarkDeletedSql, "$post_id", "$at");
        recordFailure = Command(connection, transaction, """
            INSERT INTO classification_failures (post_id, post_version, model_version, error, failed_at, attempts)
            VALUES ($post_id, $post_version, $model_version, $error, $at, 1)
            ON CONFLICT (post_id, post_version) DO UPDATE SET model_version = excluded.model_version, error = excluded.error,
                failed_at = excluded.failed_at, attempts = classification_failures.attempts + 1;
            """, "$post_id", "$post_version", "$model_version", "$error", "$at");
        clearFailure = Command(connection, transaction, """
            DELETE FROM classification_failures WHERE post_id = $post_id AND post_version = $post_version;
            """, "$post_id", "$post_version");
    }

    /// <summary>
    /// Stores a post idempotently on (platform, platform post id): a new post is inserted, a payload whose SHA-256 was
    /// seen before changes nothing, different content becomes the next version beside the old ones. Version is the
    /// stored version the payload is (for an unchanged payload, the one it matched); IsCurrent says whether that is
    /// the post's current version (not when a replica served a stale copy of an edited post).
    /// </summary>
    public StoredVersion StorePost(long accountId, FetchedPost post, DateTimeOffset fetchedAt, string sha)
    {
        var platform = post.Platform.ToCode();
        // Most posts are new: try the insert first and look the post up only when it already exists.
        long version = 1;
        var outcome = StoreOutcome.Inserted;
        var inserted = Run(insertPost, accountId, platform, post.PlatformPostId, DbValues.ToUnixMs(post.CreatedAt), DbValues.ToUnixMs(fetchedAt)).ExecuteScalar();
        long postId;
        if (inserted is long newId)
        {
            postId = newId;
        }
        else
        {
            using (var reader = Run(findPost, platform, post.PlatformPostId).ExecuteReader())
            {
                reader.Read();
                postId = reader.GetInt64(0);
                version = reader.GetInt64(1);
            }
            if (Run(versionWithHash, postId, sha).ExecuteScalar() is long seenVersion)
            {
                return new StoredVersion(postId, checked((int)seenVersion), seenVersion == version, StoreOutcome.Unchanged);
            }
            version = (long)Run(nextVersion, postId).ExecuteScalar()!;
            outcome = StoreOutcome.NewVersion;
        }

        Run(insertVersion, postId, version, DbValues.ToUnixMs(fetchedAt), DbValues.ToUnixMs(post.EditedAt), post.Text, post.Language, post.Url,
            post.IsRepost, post.IsQuote, post.ReplyToPostId, post.SharedText, DbValues.ToJsonList(post.Hashtags), DbValues.ToJsonList(post.Mentions),
            DbValues.ToJsonList(post.MediaDescriptions), DbValues.ToJsonList(post.MediaUrls), post.RawPayload, sha).ExecuteNonQuery();
        return new StoredVersion(postId, checked((int)version), true, outcome);
    }

    public ClassificationState ClassificationOf(long postId, int version, string modelVersion)
    {
        if (Run(classificationOf, postId, version, modelVersion).ExecuteScalar() is not null)
        {
            return ClassificationState.ByThisModel;
        }
        return (long)Run(anyClassificationOf, postId, version).ExecuteScalar()! != 0 ? ClassificationState.ByOtherModelsOnly : ClassificationState.None;
    }

    /// <summary>Stores the classification of a post version (or finds the one this model already stored); returns its id.</summary>
    public long SaveClassification(long postId, int version, ClassificationResult result, DateTimeOffset at)
    {
        var inserted = Run(insertClassification, postId, version, result.ModelVersion, result.Label.ToCode(),
            ClassificationRepository.ScoresToJson(result.Scores), ClassificationRepository.SignalsToJson(result.Signals),
            DbValues.ToUnixMs(at)).ExecuteScalar();
        return inserted as long? ?? (long)Run(classificationOf, postId, version, result.ModelVersion).ExecuteScalar()!;
    }

    /// <summary>Records that the classifier threw on a post version (again, if it did before).</summary>
    public void RecordFailure(long postId, int version, Core.Ports.ClassificationFailure failure, DateTimeOffset at) =>
        Run(recordFailure, postId, version, failure.ModelVersion, failure.Error, DbValues.ToUnixMs(at)).ExecuteNonQuery();

    /// <summary>A verdict was stored for a version that had failed before: it no longer waits for a retry.</summary>
    public void ClearFailure(long postId, int version) => Run(clearFailure, postId, version).ExecuteNonQuery();

    /// <summary>Creates the post's review flag unless it has one; returns the new flag's id, or null.</summary>
    public long? CreateFlag(long postId, long classificationId, Label label, double score, DateTimeOffset at) =>
        Run(insertFlag, postId, classificationId, label.ToCode(), score, DbValues.ToUnixMs(at)).ExecuteScalar() as long?;

    /// <summary>Records that the post was removed from the platform; text, payload and versions stay.</summary>
    public void MarkDeleted(long postId, DateTimeOffset at) => Run(markDeleted, postId, DbValues.ToUnixMs(at)).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in new[] { findPost, versionWithHash, insertPost, nextVersion, insertVersion, classificationOf, anyClassificationOf, insertClassification, insertFlag, markDeleted, recordFailure, clearFailure })
        {
            command.Dispose();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }

    private static SqliteCommand Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        return command;
    }
}
