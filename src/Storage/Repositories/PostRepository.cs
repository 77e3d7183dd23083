using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

/// <summary>
/// Posts and their versions. A post's identity is (platform, platform post id); its content lives in
/// post_versions so an edit adds a version and the earlier ones stay as evidence.
/// </summary>
public sealed class PostRepository(DbConnectionFactory connections, IPostWriter writer) : IPostRepository
{
    internal const string SelectPostVersion = """
        SELECT p.id, p.account_id, p.platform, p.platform_post_id, v.version, p.created_at, v.fetched_at, v.edited_at,
               p.deleted_at, p.purged_at, v.text, v.language, v.url, v.is_repost, v.is_quote, v.reply_to_post_id,
               v.shared_text, v.hashtags, v.mentions, v.media_descriptions, v.media_urls, v.raw_payload, v.raw_sha256
        FROM posts p JOIN post_versions v ON v.post_id = p.id
        """;

    internal sealed class PostRow
    {
        public long Id { get; set; }
        public long AccountId { get; set; }
        public string Platform { get; set; } = "";
        public string PlatformPostId { get; set; } = "";
        public long Version { get; set; }
        public long CreatedAt { get; set; }
        public long FetchedAt { get; set; }
        public long? EditedAt { get; set; }
        public long? DeletedAt { get; set; }
        public long? PurgedAt { get; set; }
        public string? Text { get; set; }
        public string? Language { get; set; }
        public string? Url { get; set; }
        public bool IsRepost { get; set; }
        public bool IsQuote { get; set; }
        public string? ReplyToPostId { get; set; }
        public string? SharedText { get; set; }
        public string Hashtags { get; set; } = "[]";
        public string Mentions { get; set; } = "[]";
        public string MediaDescriptions { get; set; } = "[]";
        public string MediaUrls { get; set; } = "[]";
        public string? RawPayload { get; set; }
        public string RawSha256 { get; set; } = "";

        public StoredPost ToPost() => new(
            Id, AccountId, DbCodes.ToPlatform(Platform), PlatformPostId, checked((int)Version),
            DbValues.FromUnixMs(CreatedAt), DbValues.FromUnixMs(FetchedAt), DbValues.FromUnixMs(EditedAt),
            DbValues.FromUnixMs(DeletedAt), DbValues.FromUnixMs(PurgedAt), Text, Language, Url, IsRepost, IsQuote,
            ReplyToPostId, SharedText, DbValues.FromJsonList(Hashtags), DbValues.FromJsonList(Mentions),
            DbValues.FromJsonList(MediaDescriptions), DbValues.FromJsonList(MediaUrls), RawPayload, RawSha256);
    }

    /// <summary>The evidence hash: SHA-256 of the raw payload's UTF-8 bytes, lower-case hex.</summary>
    public static string Sha256Hex(string rawPayload) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawPayload)));

    public async Task<StoreResult> StoreAsync(long accountId, FetchedPost post, DateTimeOffset fetchedAt, CancellationToken ct = default)
    {
        var sha = Sha256Hex(post.RawPayload);
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var stored = await writer.StorePostAsync(connection, transaction, accountId, post, sha, fetchedAt, ct);
        // A new post is exactly what was given; an edit or an unchanged post also carries the post's first creation
        // time and deletion marker, so it is read back.
        var result = stored.Outcome == StoreOutcome.Inserted
            ? AsStored(stored.PostId, accountId, post, fetchedAt, sha)
            : await ReadCurrentVersionAsync(connection, stored.PostId, transaction, ct);
        await transaction.CommitAsync(ct);
        return new StoreResult(result, stored.Outcome);
    }

    private static StoredPost AsStored(long postId, long accountId, FetchedPost post, DateTimeOffset fetchedAt, string sha) => new(
        postId, accountId, post.Platform, post.PlatformPostId, 1,
        DbValues.FromUnixMs(DbValues.ToUnixMs(post.CreatedAt)), DbValues.FromUnixMs(DbValues.ToUnixMs(fetchedAt)),
        DbValues.FromUnixMs(DbValues.ToUnixMs(post.EditedAt)), null, null, post.Text, post.Language, post.Url, post.IsRepost, post.IsQuote,
        post.ReplyToPostId, post.SharedText, [.. post.Hashtags], [.. post.Mentions], [.. post.MediaDescriptions], [.. post.MediaUrls], post.RawPayload, sha);

    private static async Task<StoredPost> ReadCurrentVersionAsync(DbConnection connection, long postId, DbTransaction? transaction, CancellationToken ct)
    {
        const string Sql = $"""
            {SelectPostVersion}
            WHERE p.id = @PostId AND v.version = p.current_version;
            """;
        var row = await connection.QuerySingleAsync<PostRow>(new CommandDefinition(Sql, new { PostId = postId }, transaction, cancellationToken: ct));
        return row.ToPost();
    }

    public async Task<StoredPost?> GetAsync(long postId, CancellationToken ct = default)
    {
        const string Sql = $"""
            {SelectPostVersion}
            WHERE p.id = @PostId AND v.version = p.current_version;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<PostRow>(new CommandDefinition(Sql, new { PostId = postId }, cancellationToken: ct));
        return row?.ToPost();
    }

    public async Task<IReadOnlyList<StoredPost>> GetVersionsAsync(long postId, CancellationToken ct = default)
    {
        const string Sql = $"""
            {SelectPostVersion}
            WHERE p.id = @PostId
            ORDER BY v.version;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<PostRow>(new CommandDefinition(Sql, new { PostId = postId }, cancellationToken: ct));
        return rows.Select(r => r.ToPost()).ToList();
    }

    public async Task<long?> FindIdAsync(Platform platform, string platformPostId, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT id FROM posts WHERE platform = @Platform AND platform_post_id = @PlatformPostId;
            """;
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(Sql, new { Platform = platform.ToCode(), PlatformPostId = platformPostId }, cancellationToken: ct));
    }

    public async Task MarkDeletedAsync(long postId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        // The first sighting of a deletion is the one that counts.
        const string Sql = """
            UPDATE posts SET deleted_at = coalesce(deleted_at, @At) WHERE id = @PostId;
            """;
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { PostId = postId, At = DbValues.ToUnixMs(at) }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<string>> ListLivePostIdsAsync(long accountId, DateTimeOffset since, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT platform_post_id FROM posts
            WHERE account_id = @AccountId AND created_at >= @Since AND deleted_at IS NULL
            ORDER BY created_at, id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(Sql, new { AccountId = accountId, Since = DbValues.ToUnixMs(since) }, cancellationToken: ct));
        return ids.ToList();
    }

    public async Task<int> PurgeUnflaggedAsync(DateTimeOffset fetchedBefore, DateTimeOffset at, CancellationToken ct = default)
    {
        // Blanks the words and the payload (text, shared text, media alt text, raw payload) of every version;
        // identity, times, URL and the hash stay so the post is still known and nothing is re-fetched as new.
        const string BlankVersions = """
            UPDATE post_versions
            SET text = NULL, shared_text = NULL, media_descriptions = '[]', raw_payload = NULL
            WHERE post_id IN (
                SELECT p.id FROM posts p
                WHERE p.purged_at IS NULL AND p.fetched_at < @Before
                  AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.post_id = p.id)
                  AND NOT EXISTS (SELECT 1 FROM classification_failures c WHERE c.post_id = p.id));
            """;
        // A post the classifier failed on has no verdict yet: its words wait for the model that can read them.
        const string MarkPurged = """
            UPDATE posts SET purged_at = @At
            WHERE purged_at IS NULL AND fetched_at < @Before
              AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.post_id = posts.id)
              AND NOT EXISTS (SELECT 1 FROM classification_failures c WHERE c.post_id = posts.id);
            """;
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var parameters = new { Before = DbValues.ToUnixMs(fetchedBefore), At = DbValues.ToUnixMs(at) };
        await connection.ExecuteAsync(new CommandDefinition(BlankVersions, parameters, transaction, cancellationToken: ct));
        var purged = await connection.ExecuteAsync(new CommandDefinition(MarkPurged, parameters, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return purged;
    }

    private const string SelectFailure = """
        SELECT c.post_id AS PostId, c.post_version AS PostVersion, p.account_id AS AccountId, p.platform AS Platform,
               a.handle AS AccountHandle, p.platform_post_id AS PlatformPostId, c.model_version AS ModelVersion,
               c.error AS Error, c.failed_at AS FailedAt, c.attempts AS Attempts
        FROM classification_failures c JOIN posts p ON p.id = c.post_id JOIN accounts a ON a.id = p.account_id
        """;

    private sealed class FailureRow
    {
        public long PostId { get; set; }
        public long PostVersion { get; set; }
        public long AccountId { get; set; }
        public string Platform { get; set; } = "";
        public string AccountHandle { get; set; } = "";
        public string PlatformPostId { get; set; } = "";
        public string ModelVersion { get; set; } = "";
        public string Error { get; set; } = "";
        public long FailedAt { get; set; }
        public long Attempts { get; set; }

        public FailedClassification ToFailure() => new(PostId, checked((int)PostVersion), AccountId, DbCodes.ToPlatform(Platform), AccountHandle,
            PlatformPostId, ModelVersion, Error, DbValues.FromUnixMs(FailedAt), checked((int)Attempts));
    }

    public async Task<IReadOnlyList<FailedClassification>> ListClassificationFailuresAsync(int limit, CancellationToken ct = default)
    {
        const string Sql = $"""
            {SelectFailure}
            ORDER BY c.failed_at DESC, c.post_id DESC
            LIMIT @Limit;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<FailureRow>(new CommandDefinition(Sql, new { Limit = limit }, cancellationToken: ct));
        return rows.Select(r => r.ToFailure()).ToList();
    }

    public async Task<IReadOnlyList<FailedClassification>> ListRetryableClassificationFailuresAsync(string currentModelVersion, int limit, CancellationToken ct = default)
    {
        const string Sql = $"""
            {SelectFailure}
            WHERE c.model_version <> @Model AND c.post_version = p.current_version AND p.purged_at IS NULL
            ORDER BY c.post_id
            LIMIT @Limit;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<FailureRow>(new CommandDefinition(Sql, new { Model = currentModelVersion, Limit = limit }, cancellationToken: ct));
        return rows.Select(r => r.ToFailure()).ToList();
    }

    private sealed class QuarantineRow
    {
        public long Id { get; set; }
        public string Platform { get; set; } = "";
        public string? AccountHandle { get; set; }
        public string Reason { get; set; } = "";
        public long QuarantinedAt { get; set; }
        public string RawPayload { get; set; } = "";
    }

    public async Task<IReadOnlyList<QuarantinedItem>> ListQuarantineAsync(int limit, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT q.id AS Id, q.platform AS Platform, a.handle AS AccountHandle, q.reason AS Reason,
                   q.quarantined_at AS QuarantinedAt, q.raw_payload AS RawPayload
            FROM quarantine q LEFT JOIN accounts a ON a.id = q.account_id
            ORDER BY q.quarantined_at DESC, q.id DESC
            LIMIT @Limit;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<QuarantineRow>(new CommandDefinition(Sql, new { Limit = limit }, cancellationToken: ct));
        return rows.Select(r => new QuarantinedItem(r.Id, DbCodes.ToPlatform(r.Platform), r.AccountHandle, r.Reason,
            DbValues.FromUnixMs(r.QuarantinedAt), r.RawPayload)).ToList();
    }

    public async Task<IngestionProblemCounts> CountIngestionProblemsAsync(CancellationToken ct = default)
    {
        const string Sql = """
            SELECT (SELECT count(*) FROM classification_failures) AS Failed, (SELECT count(*) FROM quarantine) AS Quarantined;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var counts = await connection.QuerySingleAsync<ProblemCountsRow>(new CommandDefinition(Sql, cancellationToken: ct));
        return new IngestionProblemCounts(checked((int)counts.Failed), checked((int)counts.Quarantined));
    }

    private sealed class ProblemCountsRow
    {
        public long Failed { get; set; }
        public long Quarantined { get; set; }
    }

    public async Task QuarantineAsync(Platform platform, long? accountId, string rawPayload, string reason, DateTimeOffset at, CancellationToken ct = default)
    {
        const string Sql = """
            INSERT INTO quarantine (platform, account_id, raw_payload, reason, quarantined_at)
            VALUES (@Platform, @AccountId, @RawPayload, @Reason, @At);
            """;
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Sql,
            new { Platform = platform.ToCode(), AccountId = accountId, RawPayload = rawPayload, Reason = reason, At = DbValues.ToUnixMs(at) }, cancellationToken: ct));
    }
}
