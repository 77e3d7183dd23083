using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Storage.Repositories;

namespace SocialWatch.Storage.Postgres;

/// <summary>
/// Stores ingestion batches on PostgreSQL: every post, classification and flag of a batch in one transaction, with a
/// fixed number of set-based statements per batch whatever its size (a statement per post would pay a network round
/// trip per row). The decisions the SQLite writer makes row by row (new post, unchanged by hash, next version;
/// classify or not; flag or not) are made here in memory, in item order, over the rows the batch touches: those it
/// inserts are its own until commit, those stored before are locked first, so two nodes storing the same post serialise. Post versions go in by binary COPY, the rest by
/// multi-row INSERT … SELECT FROM unnest(…) (docs/bench/ingestion.md has the measurements behind that choice).
/// </summary>
public sealed class PostgresIngestionStore(PostgresConnectionFactory connections) : IIngestionStore, IPostWriter
{
    private const string DeadlockDetected = "40P01";

    /// <summary>
    /// Every statement of a batch joins a few hundred keys against posts, versions or classifications, which index
    /// lookups serve in time proportional to the batch. During a bulk import the statistics lag behind the table, and
    /// the planner then hashes the whole posts table for each batch's NOT EXISTS (measured: the server's largest cost
    /// per post, growing with the table), so hash and merge joins are off for the batch's transaction only.
    /// </summary>
    private const string KeyedLookupsOnly = "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;";
    private const int Attempts = 3;

    public async Task<IReadOnlyList<IngestOutcome>> StoreAsync(IReadOnlyList<IngestItem> items, DateTimeOffset fetchedAt, CancellationToken ct = default)
    {
        if (items.Count == 0)
        {
            return [];
        }
        var posts = items.Select(i => new PostToStore(i.AccountId, i.Post, PostRepository.Sha256Hex(i.Post.RawPayload))).ToArray();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await connections.OpenNpgsqlAsync(ct);
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await ExecuteAsync(connection, transaction, KeyedLookupsOnly, ct);
                var stored = await StorePostsAsync(connection, transaction, posts, fetchedAt, ct);
                await MarkDeletedAsync(connection, transaction, items, stored, ct);
                var outcomes = await ClassifyAndFlagAsync(connection, transaction, items, stored, fetchedAt, ct);
                await transaction.CommitAsync(ct);
                return outcomes;
            }
            catch (PostgresException e) when (e.SqlState == DeadlockDetected && attempt < Attempts)
            {
                // Two nodes stored overlapping posts in different orders; the batch was rolled back whole.
            }
        }
    }

    public async Task<StoredVersion> StorePostAsync(DbConnection connection, DbTransaction transaction, long accountId, FetchedPost post, string sha, DateTimeOffset fetchedAt, CancellationToken ct) =>
        (await StorePostsAsync((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, [new PostToStore(accountId, post, sha)], fetchedAt, ct))[0];

    private sealed record PostToStore(long AccountId, FetchedPost Post, string Sha)
    {
        public (string Platform, string Id) Key => (Post.Platform.ToCode(), Post.PlatformPostId);
    }

    /// <summary>A post the batch touches: its id, current version and the versions each payload hash is.</summary>
    private sealed class PostState(long id, long storedVersion)
    {
        public long Id { get; } = id;
        public long StoredVersion { get; } = storedVersion;
        public long Current { get; set; } = storedVersion;
        public Dictionary<string, long> VersionByHash { get; } = new(StringComparer.Ordinal);
    }

    private static async Task<StoredVersion[]> StorePostsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PostToStore> posts, DateTimeOffset fetchedAt, CancellationToken ct)
    {
        var firstByKey = new Dictionary<(string, string), PostToStore>();
        foreach (var post in posts)
        {
            firstByKey.TryAdd(post.Key, post);
        }
        // Keys in one order on every node, so two batches inserting and locking the same posts wait rather than deadlock.
        var keys = firstByKey.Keys.Order().ToArray();

        var insertedIds = await InsertMissingPostsAsync(connection, transaction, keys.Select(k => firstByKey[k]).ToArray(), fetchedAt, ct);
        // A row this transaction inserted is invisible to every other until commit, so only the posts stored before need locking.
        var storedBefore = keys.Where(k => !insertedIds.ContainsKey(k)).ToArray();
        var states = await LockPostsAsync(connection, transaction, storedBefore, ct);
        await ReadVersionHashesAsync(connection, transaction, [.. states.Values], ct);
        var inserted = new HashSet<long>(insertedIds.Values);
        foreach (var (key, id) in insertedIds)
        {
            states[key] = new PostState(id, 1);
        }

        // Row by row, as the SQLite writer does: a payload whose hash was seen is unchanged; new content is the next version.
        var results = new StoredVersion[posts.Count];
        var newVersions = new List<(PostToStore Post, long PostId, long Version)>();
        for (var i = 0; i < posts.Count; i++)
        {
            var post = posts[i];
            var state = states[post.Key];
            if (state.VersionByHash.TryGetValue(post.Sha, out var seen))
            {
                results[i] = new StoredVersion(state.Id, checked((int)seen), seen == state.Current, StoreOutcome.Unchanged);
                continue;
            }
            var isFirst = inserted.Contains(state.Id) && state.VersionByHash.Count == 0;
            var version = isFirst ? 1 : state.Current + 1;
            state.Current = version;
            state.VersionByHash[post.Sha] = version;
            newVersions.Add((post, state.Id, version));
            results[i] = new StoredVersion(state.Id, checked((int)version), true, isFirst ? StoreOutcome.Inserted : StoreOutcome.NewVersion);
        }

        var moved = states.Values.Where(s => s.Current != s.StoredVersion).ToList();
        if (moved.Count > 0)
        {
            const string Sql = """
                UPDATE posts p SET current_version = u.version
                FROM unnest($1::bigint[], $2::bigint[]) AS u(id, version)
                WHERE p.id = u.id;
                """;
            await ExecuteAsync(connection, transaction, Sql, ct, moved.Select(s => s.Id).ToArray(), moved.Select(s => s.Current).ToArray());
        }
        await CopyVersionsAsync(connection, newVersions, fetchedAt, ct);
        return results;
    }

    /// <summary>Inserts the posts not stored yet (at version 1) and returns their ids by key; a post another node inserted meanwhile is skipped.</summary>
    private static async Task<Dictionary<(string, string), long>> InsertMissingPostsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PostToStore> firsts, DateTimeOffset fetchedAt, CancellationToken ct)
    {
        // NOT EXISTS first: a post already stored never reaches the insert, so it draws no id from the sequence.
        const string Sql = """
            INSERT INTO posts (account_id, platform, platform_post_id, current_version, created_at, fetched_at)
            SELECT u.account_id, u.platform, u.platform_post_id, 1, u.created_at, $5
            FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS u(account_id, platform, platform_post_id, created_at, n)
            WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.platform = u.platform AND p.platform_post_id = u.platform_post_id)
            ORDER BY u.n
            ON CONFLICT (platform, platform_post_id) DO NOTHING
            RETURNING id, platform, platform_post_id;
            """;
        await using var command = Command(connection, transaction, Sql,
            firsts.Select(p => p.AccountId).ToArray(), firsts.Select(p => p.Key.Platform).ToArray(), firsts.Select(p => p.Key.Id).ToArray(),
            firsts.Select(p => DbValues.ToUnixMs(p.Post.CreatedAt)).ToArray(), DbValues.ToUnixMs(fetchedAt));
        var ids = new Dictionary<(string, string), long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids[(reader.GetString(1), reader.GetString(2))] = reader.GetInt64(0);
        }
        return ids;
    }

    private static async Task<Dictionary<(string, string), PostState>> LockPostsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, (string, string)[] keys, CancellationToken ct)
    {
        var states = new Dictionary<(string, string), PostState>();
        if (keys.Length == 0)
        {
            return states;
        }
        const string Sql = """
            SELECT p.id, p.platform, p.platform_post_id, p.current_version
            FROM posts p JOIN unnest($1::text[], $2::text[]) AS u(platform, platform_post_id)
              ON p.platform = u.platform AND p.platform_post_id = u.platform_post_id
            ORDER BY p.id
            FOR UPDATE OF p;
            """;
        await using var command = Command(connection, transaction, Sql, keys.Select(k => k.Item1).ToArray(), keys.Select(k => k.Item2).ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            states[(reader.GetString(1), reader.GetString(2))] = new PostState(reader.GetInt64(0), reader.GetInt64(3));
        }
        return states;
    }

    private static async Task ReadVersionHashesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<PostState> stored, CancellationToken ct)
    {
        if (stored.Count == 0)
        {
            return;
        }
        const string Sql = """
            SELECT post_id, version, raw_sha256 FROM post_versions WHERE post_id = ANY($1::bigint[]);
            """;
        var byId = stored.ToDictionary(s => s.Id);
        await using var command = Command(connection, transaction, Sql, byId.Keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var hashes = byId[reader.GetInt64(0)].VersionByHash;
            var version = reader.GetInt64(1);
            var sha = reader.GetString(2);
            // Any earlier version with the same hash counts as seen: a stale replica must not make versions flip back and forth.
            hashes[sha] = hashes.TryGetValue(sha, out var other) ? Math.Max(other, version) : version;
        }
    }

    private static async Task CopyVersionsAsync(NpgsqlConnection connection, List<(PostToStore Post, long PostId, long Version)> versions, DateTimeOffset fetchedAt, CancellationToken ct)
    {
        if (versions.Count == 0)
        {
            return;
        }
        const string Copy = """
            COPY post_versions (post_id, version, fetched_at, edited_at, text, language, url, is_repost, is_quote, reply_to_post_id,
                shared_text, hashtags, mentions, media_descriptions, media_urls, raw_payload, raw_sha256) FROM STDIN (FORMAT BINARY)
            """;
        var fetched = DbValues.ToUnixMs(fetchedAt);
        await using var importer = await connection.BeginBinaryImportAsync(Copy, ct);
        foreach (var (stored, postId, version) in versions)
        {
            var post = stored.Post;
            await importer.StartRowAsync(ct);
            await importer.WriteAsync(postId, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(version, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(fetched, NpgsqlDbType.Bigint, ct);
            await WriteNullableAsync(importer, DbValues.ToUnixMs(post.EditedAt), NpgsqlDbType.Bigint, ct);
            await WriteNullableAsync(importer, post.Text, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(importer, post.Language, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(importer, post.Url, NpgsqlDbType.Text, ct);
            await importer.WriteAsync(post.IsRepost, NpgsqlDbType.Boolean, ct);
            await importer.WriteAsync(post.IsQuote, NpgsqlDbType.Boolean, ct);
            await WriteNullableAsync(importer, post.ReplyToPostId, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(importer, post.SharedText, NpgsqlDbType.Text, ct);
            await importer.WriteAsync(DbValues.ToJsonList(post.Hashtags), NpgsqlDbType.Text, ct);
            await importer.WriteAsync(DbValues.ToJsonList(post.Mentions), NpgsqlDbType.Text, ct);
            await importer.WriteAsync(DbValues.ToJsonList(post.MediaDescriptions), NpgsqlDbType.Text, ct);
            await importer.WriteAsync(DbValues.ToJsonList(post.MediaUrls), NpgsqlDbType.Text, ct);
            await WriteNullableAsync(importer, post.RawPayload, NpgsqlDbType.Text, ct);
            await importer.WriteAsync(stored.Sha, NpgsqlDbType.Text, ct);
        }
        await importer.CompleteAsync(ct);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value, type, ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, long? value, NpgsqlDbType type, CancellationToken ct) =>
        value is { } v ? importer.WriteAsync(v, type, ct) : importer.WriteNullAsync(ct);

    private static async Task MarkDeletedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<IngestItem> items, StoredVersion[] stored, CancellationToken ct)
    {
        // The first sighting of a deletion is the one that counts, in the batch as in the table.
        var firstSighting = new Dictionary<long, long>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].DeletedAt is { } at)
            {
                firstSighting.TryAdd(stored[i].PostId, DbValues.ToUnixMs(at));
            }
        }
        if (firstSighting.Count == 0)
        {
            return;
        }
        const string Sql = """
            UPDATE posts p SET deleted_at = coalesce(p.deleted_at, u.at)
            FROM unnest($1::bigint[], $2::bigint[]) AS u(id, at)
            WHERE p.id = u.id;
            """;
        await ExecuteAsync(connection, transaction, Sql, ct, firstSighting.Keys.ToArray(), firstSighting.Values.ToArray());
    }

    private sealed record NewClassification(long PostId, long Version, ClassificationResult Result);

    private sealed record NewFlag(long PostId, NewClassification? Pending, long? ClassificationId, Label Label, double Score);

    private static async Task<IReadOnlyList<IngestOutcome>> ClassifyAndFlagAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<IngestItem> items, StoredVersion[] stored, DateTimeOffset fetchedAt, CancellationToken ct)
    {
        // What classifications the touched versions already have, by model (only an unchanged post can have one).
        var known = await ReadClassificationsAsync(connection, transaction,
            stored.Where(s => s.IsCurrent && s.Outcome == StoreOutcome.Unchanged).Select(s => (s.PostId, (long)s.Version)).Distinct().ToList(), ct);

        var outcomes = new (long PostId, int Version, StoreOutcome Stored, bool Classified, NewFlag? Flag, bool Failed)[items.Count];
        var newClassifications = new List<NewClassification>();
        var newFlags = new List<NewFlag>();
        var flagged = new HashSet<long>();
        var failures = new Dictionary<(long PostId, long Version), (ClassificationFailure Failure, int Count)>();
        var cleared = new HashSet<(long PostId, long Version)>();
        for (var i = 0; i < items.Count; i++)
        {
            var (postId, version, isCurrent, outcome) = stored[i];
            outcomes[i] = (postId, version, outcome, false, null, false);
            if (!isCurrent)
            {
                // A stale copy of an edited post: the verdict on these words is not the verdict on the post as it stands.
                continue;
            }
            var item = items[i];
            var modelVersion = item.Classification?.ModelVersion ?? item.Failure!.ModelVersion;
            var models = known.TryGetValue((postId, version), out var m) ? m : known[(postId, version)] = new(StringComparer.Ordinal);
            if (models.Count > 0 && !models.ContainsKey(modelVersion))
            {
                // An older model judged this version: re-judging is a deliberate re-classification, not a side effect of polling.
                continue;
            }
            if (item.Classification is not { } result)
            {
                // The classifier threw: the post is stored with its evidence, the failure recorded (once more if it failed before).
                if (models.Count == 0)
                {
                    failures[(postId, version)] = failures.TryGetValue((postId, version), out var f) ? (item.Failure!, f.Count + 1) : (item.Failure!, 1);
                    outcomes[i].Failed = true;
                }
                continue;
            }
            NewClassification? pending = null;
            if (!models.TryGetValue(result.ModelVersion, out var existing))
            {
                pending = new NewClassification(postId, version, result);
                newClassifications.Add(pending);
                models[result.ModelVersion] = null;
                if (outcome == StoreOutcome.Unchanged)
                {
                    cleared.Add((postId, version)); // only a version seen before can have failed before
                }
            }
            outcomes[i].Classified = pending is not null;
            if (result.IsFlag && result.Label.IsFlag() && flagged.Add(postId))
            {
                var score = result.Scores.TryGetValue(result.Label, out var s) ? s : 0;
                var flag = new NewFlag(postId, pending ?? FindPending(newClassifications, postId, version, result.ModelVersion), existing, result.Label, score);
                newFlags.Add(flag);
                outcomes[i].Flag = flag;
            }
        }

        await RecordFailuresAsync(connection, transaction, failures, fetchedAt, ct);
        await ClearFailuresAsync(connection, transaction, cleared, ct);
        var classificationIds = await InsertClassificationsAsync(connection, transaction, newClassifications, fetchedAt, ct);
        var flagIds = await InsertFlagsAsync(connection, transaction, newFlags, classificationIds, fetchedAt, ct);
        return outcomes
            .Select(o => new IngestOutcome(o.PostId, o.Version, o.Stored, o.Classified, o.Flag is { } f && flagIds.TryGetValue(f.PostId, out var id) ? id : null, o.Failed))
            .ToList();
    }

    /// <summary>One upsert per failed version; a version failing n times in the batch counts n attempts, as n single stores would.</summary>
    private static async Task RecordFailuresAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Dictionary<(long PostId, long Version), (ClassificationFailure Failure, int Count)> failures, DateTimeOffset at, CancellationToken ct)
    {
        if (failures.Count == 0)
        {
            return;
        }
        const string Sql = """
            INSERT INTO classification_failures (post_id, post_version, model_version, error, failed_at, attempts)
            SELECT u.post_id, u.post_version, u.model_version, u.error, $6, u.attempts
            FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::bigint[]) AS u(post_id, post_version, model_version, error, attempts)
            ON CONFLICT (post_id, post_version) DO UPDATE SET model_version = excluded.model_version, error = excluded.error,
                failed_at = excluded.failed_at, attempts = classification_failures.attempts + excluded.attempts;
            """;
        var rows = failures.ToList();
        await ExecuteAsync(connection, transaction, Sql, ct,
            rows.Select(r => r.Key.PostId).ToArray(), rows.Select(r => r.Key.Version).ToArray(), rows.Select(r => r.Value.Failure.ModelVersion).ToArray(),
            rows.Select(r => r.Value.Failure.Error).ToArray(), rows.Select(r => (long)r.Value.Count).ToArray(), DbValues.ToUnixMs(at));
    }

    /// <summary>Versions that failed before and now have a verdict no longer wait for a retry.</summary>
    private static async Task ClearFailuresAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, HashSet<(long PostId, long Version)> cleared, CancellationToken ct)
    {
        if (cleared.Count == 0)
        {
            return;
        }
        const string Sql = """
            DELETE FROM classification_failures c
            USING unnest($1::bigint[], $2::bigint[]) AS u(post_id, post_version)
            WHERE c.post_id = u.post_id AND c.post_version = u.post_version;
            """;
        await ExecuteAsync(connection, transaction, Sql, ct, cleared.Select(c => c.PostId).ToArray(), cleared.Select(c => c.Version).ToArray());
    }

    private static NewClassification? FindPending(List<NewClassification> pending, long postId, long version, string model) =>
        pending.FindLast(c => c.PostId == postId && c.Version == version && c.Result.ModelVersion == model);

    private static async Task<Dictionary<(long, long), Dictionary<string, long?>>> ReadClassificationsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<(long PostId, long Version)> versions, CancellationToken ct)
    {
        var known = new Dictionary<(long, long), Dictionary<string, long?>>();
        if (versions.Count == 0)
        {
            return known;
        }
        const string Sql = """
            SELECT c.post_id, c.post_version, c.model_version, c.id
            FROM classifications c JOIN unnest($1::bigint[], $2::bigint[]) AS u(post_id, post_version)
              ON c.post_id = u.post_id AND c.post_version = u.post_version;
            """;
        await using var command = Command(connection, transaction, Sql, versions.Select(v => v.PostId).ToArray(), versions.Select(v => v.Version).ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = (reader.GetInt64(0), reader.GetInt64(1));
            if (!known.TryGetValue(key, out var models))
            {
                known[key] = models = new(StringComparer.Ordinal);
            }
            models[reader.GetString(2)] = reader.GetInt64(3);
        }
        return known;
    }

    private static async Task<Dictionary<NewClassification, long>> InsertClassificationsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<NewClassification> rows, DateTimeOffset at, CancellationToken ct)
    {
        var ids = new Dictionary<NewClassification, long>(ReferenceEqualityComparer.Instance);
        if (rows.Count == 0)
        {
            return ids;
        }
        // The post rows are locked, so no other ingestion batch adds these classifications meanwhile; the no-op
        // update on conflict returns the id of one a repository call (ClassificationRepository.SaveAsync) stored.
        const string Sql = """
            INSERT INTO classifications (post_id, post_version, model_version, label, scores, signals, classified_at)
            SELECT u.post_id, u.post_version, u.model_version, u.label, u.scores, u.signals, $7
            FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])
                 WITH ORDINALITY AS u(post_id, post_version, model_version, label, scores, signals, n)
            ORDER BY u.n
            ON CONFLICT (post_id, post_version, model_version) DO UPDATE SET model_version = excluded.model_version
            RETURNING id, post_id, post_version, model_version;
            """;
        await using var command = Command(connection, transaction, Sql,
            rows.Select(r => r.PostId).ToArray(), rows.Select(r => r.Version).ToArray(), rows.Select(r => r.Result.ModelVersion).ToArray(),
            rows.Select(r => r.Result.Label.ToCode()).ToArray(), rows.Select(r => ClassificationRepository.ScoresToJson(r.Result.Scores)).ToArray(),
            rows.Select(r => ClassificationRepository.SignalsToJson(r.Result.Signals)).ToArray(), DbValues.ToUnixMs(at));
        var byKey = rows.ToDictionary(r => (r.PostId, r.Version, r.Result.ModelVersion));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids[byKey[(reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3))]] = reader.GetInt64(0);
        }
        return ids;
    }

    private static async Task<Dictionary<long, long>> InsertFlagsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<NewFlag> flags, Dictionary<NewClassification, long> classificationIds, DateTimeOffset at, CancellationToken ct)
    {
        var ids = new Dictionary<long, long>();
        if (flags.Count == 0)
        {
            return ids;
        }
        const string Sql = """
            INSERT INTO flags (post_id, classification_id, label, score, status, created_at, updated_at, agency_id, platform, post_created_at, staff_id)
            SELECT p.id, u.classification_id, u.label, u.score, 'open', $5, $5, s.agency_id, p.platform, p.created_at, s.id
            FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::float8[]) WITH ORDINALITY AS u(post_id, classification_id, label, score, n)
            JOIN posts p ON p.id = u.post_id JOIN accounts a ON a.id = p.account_id JOIN staff s ON s.id = a.staff_id
            ORDER BY u.n
            ON CONFLICT (post_id) DO NOTHING
            RETURNING id, post_id;
            """;
        await using var command = Command(connection, transaction, Sql,
            flags.Select(f => f.PostId).ToArray(),
            flags.Select(f => f.Pending is { } p ? classificationIds[p] : f.ClassificationId!.Value).ToArray(),
            flags.Select(f => f.Label.ToCode()).ToArray(), flags.Select(f => f.Score).ToArray(), DbValues.ToUnixMs(at));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids[reader.GetInt64(1)] = reader.GetInt64(0);
        }
        return ids;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(connection, transaction, sql, values);
        await command.ExecuteNonQueryAsync(ct);
    }
}
