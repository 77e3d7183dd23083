using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Sqlite;

/// <summary>
/// Posts and their versions. A post's identity is (platform, platform post id); its content lives in
/// post_versions so an edit adds a version and the earlier ones stay as evidence.
/// </summary>
public sealed class SqlitePostRepository(SqliteConnectionFactory connections) : IPostRepository
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
        public long IsRepost { get; set; }
        public long IsQuote { get; set; }
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
            SqliteValues.FromUnixMs(CreatedAt), SqliteValues.FromUnixMs(FetchedAt), SqliteValues.FromUnixMs(EditedAt),
            SqliteValues.FromUnixMs(DeletedAt), SqliteValues.FromUnixMs(PurgedAt), Text, Language, Url, IsRepost != 0, IsQuote != 0,
            ReplyToPostId, SharedText, SqliteValues.FromJsonList(Hashtags), SqliteValues.FromJsonList(Mentions),
            SqliteValues.FromJsonList(MediaDescriptions), SqliteValues.FromJsonList(MediaUrls), RawPayload, RawSha256);
    }

    private sealed class ExistingRow
    {
        public long Id { get; set; }
        public long CurrentVersion { get; set; }
    }

    /// <summary>The evidence hash: SHA-256 of the raw payload's UTF-8 bytes, lower-case hex.</summary>
    public static string Sha256Hex(string rawPayload) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawPayload)));

    public async Task<StoreResult> StoreAsync(long accountId, FetchedPost post, DateTimeOffset fetchedAt, CancellationToken ct = default)
    {
        var sha = Sha256Hex(post.RawPayload);
        const string FindPost = """
            SELECT id, current_version FROM posts WHERE platform = @Platform AND platform_post_id = @PlatformPostId;
            """;
        // Any earlier version with the same hash counts as seen: a platform replica serving a stale copy must not
        // make versions flip back and forth.
        const string SameHashSeen = """
            SELECT EXISTS (SELECT 1 FROM post_versions WHERE post_id = @PostId AND raw_sha256 = @Sha);
            """;
        const string InsertPost = """
            INSERT INTO posts (account_id, platform, platform_post_id, current_version, created_at, fetched_at)
            VALUES (@AccountId, @Platform, @PlatformPostId, 1, @CreatedAt, @FetchedAt)
            RETURNING id;
            """;
        const string NextVersion = """
            UPDATE posts SET current_version = current_version + 1 WHERE id = @PostId RETURNING current_version;
            """;

        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var platform = post.Platform.ToCode();
        var existing = await connection.QuerySingleOrDefaultAsync<ExistingRow>(new CommandDefinition(FindPost,
            new { Platform = platform, post.PlatformPostId }, transaction, cancellationToken: ct));

        long postId;
        long version;
        StoreOutcome outcome;
        if (existing is null)
        {
            postId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertPost, new
            {
                AccountId = accountId,
                Platform = platform,
                post.PlatformPostId,
                CreatedAt = SqliteValues.ToUnixMs(post.CreatedAt),
                FetchedAt = SqliteValues.ToUnixMs(fetchedAt),
            }, transaction, cancellationToken: ct));
            version = 1;
            outcome = StoreOutcome.Inserted;
        }
        else if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(SameHashSeen, new { PostId = existing.Id, Sha = sha }, transaction, cancellationToken: ct)))
        {
            await transaction.CommitAsync(ct);
            var unchanged = await ReadVersionAsync(connection, existing.Id, existing.CurrentVersion, null, ct);
            return new StoreResult(unchanged, StoreOutcome.Unchanged);
        }
        else
        {
            postId = existing.Id;
            version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(NextVersion, new { PostId = postId }, transaction, cancellationToken: ct));
            outcome = StoreOutcome.NewVersion;
        }

        await InsertVersionAsync(connection, transaction, postId, version, post, fetchedAt, sha, ct);
        // A new post is exactly what was given (no read-back on the hot path); a new version also carries the
        // post's first creation time and deletion marker, so it is read back.
        var stored = outcome == StoreOutcome.Inserted
            ? AsStored(postId, accountId, post, fetchedAt, sha)
            : await ReadVersionAsync(connection, postId, version, transaction, ct);
        await transaction.CommitAsync(ct);
        return new StoreResult(stored, outcome);
    }

    private static StoredPost AsStored(long postId, long accountId, FetchedPost post, DateTimeOffset fetchedAt, string sha) => new(
        postId, accountId, post.Platform, post.PlatformPostId, 1,
        SqliteValues.FromUnixMs(SqliteValues.ToUnixMs(post.CreatedAt)), SqliteValues.FromUnixMs(SqliteValues.ToUnixMs(fetchedAt)),
        SqliteValues.FromUnixMs(SqliteValues.ToUnixMs(post.EditedAt)), null, null, post.Text, post.Language, post.Url, post.IsRepost, post.IsQuote,
        post.ReplyToPostId, post.SharedText, [.. post.Hashtags], [.. post.Mentions], [.. post.MediaDescriptions], [.. post.MediaUrls], post.RawPayload, sha);

    private static async Task InsertVersionAsync(DbConnection connection, DbTransaction transaction, long postId, long version, FetchedPost post,
        DateTimeOffset fetchedAt, string sha, CancellationToken ct)
    {
        const string Sql = """
            INSERT INTO post_versions (post_id, version, fetched_at, edited_at, text, language, url, is_repost, is_quote,
                reply_to_post_id, shared_text, hashtags, mentions, media_descriptions, media_urls, raw_payload, raw_sha256)
            VALUES (@PostId, @Version, @FetchedAt, @EditedAt, @Text, @Language, @Url, @IsRepost, @IsQuote,
                @ReplyToPostId, @SharedText, @Hashtags, @Mentions, @MediaDescriptions, @MediaUrls, @RawPayload, @RawSha256);
            """;
        await connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            PostId = postId,
            Version = version,
            FetchedAt = SqliteValues.ToUnixMs(fetchedAt),
            EditedAt = SqliteValues.ToUnixMs(post.EditedAt),
            post.Text,
            post.Language,
            post.Url,
            post.IsRepost,
            post.IsQuote,
            post.ReplyToPostId,
            post.SharedText,
            Hashtags = SqliteValues.ToJsonList(post.Hashtags),
            Mentions = SqliteValues.ToJsonList(post.Mentions),
            MediaDescriptions = SqliteValues.ToJsonList(post.MediaDescriptions),
            MediaUrls = SqliteValues.ToJsonList(post.MediaUrls),
            post.RawPayload,
            RawSha256 = sha,
        }, transaction, cancellationToken: ct));
    }

    private static async Task<StoredPost> ReadVersionAsync(DbConnection connection, long postId, long version, DbTransaction? transaction, CancellationToken ct)
    {
        const string Sql = $"""
            {SelectPostVersion}
            WHERE p.id = @PostId AND v.version = @Version;
            """;
        var row = await connection.QuerySingleAsync<PostRow>(new CommandDefinition(Sql, new { PostId = postId, Version = version }, transaction, cancellationToken: ct));
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
        // The first sighting of the deletion is the one that counts.
        const string Sql = """
            UPDATE posts SET deleted_at = coalesce(deleted_at, @At) WHERE id = @PostId;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { PostId = postId, At = SqliteValues.ToUnixMs(at) }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<string>> ListLivePostIdsAsync(long accountId, DateTimeOffset since, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT platform_post_id FROM posts
            WHERE account_id = @AccountId AND created_at >= @Since AND deleted_at IS NULL
            ORDER BY created_at, id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(Sql, new { AccountId = accountId, Since = SqliteValues.ToUnixMs(since) }, cancellationToken: ct));
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
                  AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.post_id = p.id));
            """;
        const string MarkPurged = """
            UPDATE posts SET purged_at = @At
            WHERE purged_at IS NULL AND fetched_at < @Before
              AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.post_id = posts.id);
            """;
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var parameters = new { Before = SqliteValues.ToUnixMs(fetchedBefore), At = SqliteValues.ToUnixMs(at) };
        await connection.ExecuteAsync(new CommandDefinition(BlankVersions, parameters, transaction, cancellationToken: ct));
        var purged = await connection.ExecuteAsync(new CommandDefinition(MarkPurged, parameters, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return purged;
    }

    public async Task QuarantineAsync(Platform platform, long? accountId, string rawPayload, string reason, DateTimeOffset at, CancellationToken ct = default)
    {
        const string Sql = """
            INSERT INTO quarantine (platform, account_id, raw_payload, reason, quarantined_at)
            VALUES (@Platform, @AccountId, @RawPayload, @Reason, @At);
            """;
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Sql,
            new { Platform = platform.ToCode(), AccountId = accountId, RawPayload = rawPayload, Reason = reason, At = SqliteValues.ToUnixMs(at) }, cancellationToken: ct));
    }
}
