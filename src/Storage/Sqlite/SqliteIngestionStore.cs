using System.Data.Common;
using Microsoft.Data.Sqlite;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Storage.Repositories;

namespace SocialWatch.Storage.Sqlite;

/// <summary>Stores ingestion batches: every post, classification and flag of a batch in one SQLite transaction.</summary>
public sealed class SqliteIngestionStore(SqliteConnectionFactory connections) : IIngestionStore, IPostWriter, IAsyncDisposable
{
    public Task<StoredVersion> StorePostAsync(DbConnection connection, DbTransaction transaction, long accountId, FetchedPost post, string sha, DateTimeOffset fetchedAt, CancellationToken ct)
    {
        using var writer = new SqlitePostWriter((SqliteConnection)connection, (SqliteTransaction)transaction);
        return Task.FromResult(writer.StorePost(accountId, post, fetchedAt, sha));
    }

    public async Task<IReadOnlyList<IngestOutcome>> StoreAsync(IReadOnlyList<IngestItem> items, DateTimeOffset fetchedAt, CancellationToken ct = default)
    {
        var outcomes = new List<IngestOutcome>(items.Count);
        if (items.Count == 0)
        {
            return outcomes;
        }
        // Hashing is the one CPU-heavy step that needs no database; done before the write lock is taken.
        var hashes = items.Select(i => PostRepository.Sha256Hex(i.Post.RawPayload)).ToArray();

        await using var connection = await connections.OpenSqliteAsync(ct);
        await SetAutoCheckpointAsync(connection, 0, ct);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            using (var writer = new SqlitePostWriter(connection, transaction))
            {
                for (var i = 0; i < items.Count; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    outcomes.Add(Store(writer, items[i], hashes[i], fetchedAt));
                }
            }
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await SetAutoCheckpointAsync(connection, DefaultAutoCheckpointPages, CancellationToken.None);
        }
        StartCheckpoint();
        return outcomes;
    }

    private const int DefaultAutoCheckpointPages = 1000;
    private readonly Lock gate = new();
    private Task checkpointing = Task.CompletedTask;

    /// <summary>
    /// Copies the write-ahead log into the database file on another connection while the next batch is written:
    /// the copy and its fsync would otherwise run inside a commit on the ingestion path.
    /// </summary>
    private void StartCheckpoint()
    {
        lock (gate)
        {
            if (!checkpointing.IsCompleted)
            {
                return;
            }
            checkpointing = Task.Run(async () =>
            {
                await using var connection = await connections.OpenSqliteAsync(CancellationToken.None);
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                await checkpoint.ExecuteNonQueryAsync();
            });
        }
    }

    /// <summary>Waits for a running checkpoint, so the database files are quiet when the host stops.</summary>
    public async ValueTask DisposeAsync()
    {
        Task running;
        lock (gate)
        {
            running = checkpointing;
        }
        await running;
    }

    private static async Task SetAutoCheckpointAsync(SqliteConnection connection, int pages, CancellationToken ct)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA wal_autocheckpoint = {pages};";
        await pragma.ExecuteNonQueryAsync(ct);
    }

    private static IngestOutcome Store(SqlitePostWriter writer, IngestItem item, string sha, DateTimeOffset fetchedAt)
    {
        var (postId, version, isCurrent, stored) = writer.StorePost(item.AccountId, item.Post, fetchedAt, sha);
        if (item.DeletedAt is { } deletedAt)
        {
            writer.MarkDeleted(postId, deletedAt);
        }
        if (!isCurrent)
        {
            // A stale copy of an edited post: the verdict on these words is not the verdict on the post as it stands.
            return new IngestOutcome(postId, version, stored, Classified: false, FlagId: null);
        }

        // An unchanged post is finished when an earlier run stopped before classifying it, or before flagging it
        // (this model's verdict is deterministic, so it is the one stored then). A post an older model judged is
        // left alone: re-judging old posts is a deliberate re-classification, not a side effect of polling.
        var modelVersion = item.Classification?.ModelVersion ?? item.Failure!.ModelVersion;
        var state = stored == StoreOutcome.Unchanged
            ? writer.ClassificationOf(postId, version, modelVersion)
            : SqlitePostWriter.ClassificationState.None;
        if (state == SqlitePostWriter.ClassificationState.ByOtherModelsOnly)
        {
            return new IngestOutcome(postId, version, stored, Classified: false, FlagId: null);
        }
        if (item.Classification is not { } result)
        {
            if (state == SqlitePostWriter.ClassificationState.None)
            {
                writer.RecordFailure(postId, version, item.Failure!, fetchedAt);
            }
            return new IngestOutcome(postId, version, stored, Classified: false, FlagId: null, ClassificationFailed: state == SqlitePostWriter.ClassificationState.None);
        }
        var classified = state == SqlitePostWriter.ClassificationState.None;
        if (classified && stored == StoreOutcome.Unchanged)
        {
            writer.ClearFailure(postId, version); // only a version seen before can have failed before
        }
        var classificationId = writer.SaveClassification(postId, version, result, fetchedAt);
        long? flagId = null;
        if (result.IsFlag && result.Label.IsFlag())
        {
            var score = result.Scores.TryGetValue(result.Label, out var s) ? s : 0;
            flagId = writer.CreateFlag(postId, classificationId, result.Label, score, fetchedAt);
        }
        return new IngestOutcome(postId, version, stored, classified, flagId);
    }
}
