using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Telemetry;

namespace SocialWatch.Core.Ingestion;

/// <summary>
/// One fetched post of the account it belongs to, when the source says it was removed, if it does, and the region
/// code of the account's agency, if it has one (the post is read against that region's contests).
/// </summary>
public sealed record AccountPost(long AccountId, FetchedPost Post, DateTimeOffset? DeletedAt = null, string? RegionCode = null);

/// <summary>
/// Classify → store → flag. The current model judges every post (it is deterministic and far faster than the
/// database; an unchanged post's verdict is simply not stored again), then <see cref="IIngestionStore"/> writes a whole batch in one transaction: a crash loses at most the
/// batch in flight, and running it again finishes the work without duplicating any of it.
/// </summary>
public sealed class PostPipeline(IIngestionStore store, IPostClassifier classifier, SocialWatchMetrics metrics, FlagElectionRecorder elections, ILogger<PostPipeline> logger)
{
    public async Task<IngestOutcome> ProcessAsync(long accountId, FetchedPost post, DateTimeOffset fetchedAt, CancellationToken ct) =>
        (await ProcessAsync([new AccountPost(accountId, post)], fetchedAt, ct))[0];

    public Task<IReadOnlyList<IngestOutcome>> ProcessAsync(IReadOnlyList<AccountPost> posts, DateTimeOffset fetchedAt, CancellationToken ct) =>
        StoreAsync(Classify(posts), fetchedAt, ct);

    /// <summary>The CPU half: the current model's verdict on each post. Callers may run it beside <see cref="StoreAsync"/> of the previous batch.</summary>
    public IngestItem[] Classify(IReadOnlyList<AccountPost> posts)
    {
        var items = new IngestItem[posts.Count];
        for (var i = 0; i < posts.Count; i++)
        {
            var (accountId, post, deletedAt, regionCode) = (posts[i].AccountId, posts[i].Post, posts[i].DeletedAt, posts[i].RegionCode);
            ClassificationResult result;
            try
            {
                var started = Stopwatch.GetTimestamp();
                result = classifier.Classify(post.ClassifiableText, regionCode);
                metrics.Classified(Stopwatch.GetElapsedTime(started));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One post the model cannot read must not stop the batch, the file or the account's cursor: it is
                // stored with its evidence and the error, shown to admins and tried again by the next model.
                Log.ClassificationFailed(logger, ex, post.Platform.ToCode(), post.PlatformPostId, post.AccountHandle, classifier.ModelVersion);
                items[i] = new IngestItem(accountId, post, null, deletedAt, new ClassificationFailure(classifier.ModelVersion, Describe(ex)));
                continue;
            }
            // Explanations are what a reviewer reads on a flag; for the great majority of posts, which are not
            // flags, the label and scores are kept and the explanation is not (it would double the bytes stored).
            items[i] = new IngestItem(accountId, post, result.Label.IsFlag() ? result : result with { Signals = [] }, deletedAt);
        }
        return items;
    }

    /// <summary>The error as an admin reads it: the exception type, its message and where it was thrown.</summary>
    private static string Describe(Exception ex)
    {
        var frame = ex.StackTrace?.Split('\n', 2)[0].Trim();
        return frame is null ? $"{ex.GetType().FullName}: {ex.Message}" : $"{ex.GetType().FullName}: {ex.Message} ({frame})";
    }

    /// <summary>The database half: one transaction for the batch; records the election of every flag it creates and logs it.</summary>
    public async Task<IReadOnlyList<IngestOutcome>> StoreAsync(IReadOnlyList<IngestItem> items, DateTimeOffset fetchedAt, CancellationToken ct)
    {
        var outcomes = await store.StoreAsync(items, fetchedAt, ct);
        if (outcomes.Any(o => o.FlagId is not null))
        {
            await elections.RecordPendingAsync(ct);
        }
        for (var i = 0; i < outcomes.Count; i++)
        {
            var post = items[i].Post;
            if (outcomes[i].Stored == StoreOutcome.Inserted)
            {
                metrics.PostIngested(post.Platform);
            }
            if (outcomes[i].FlagId is { } flagId && items[i].Classification is { } result)
            {
                metrics.FlagRaised(post.Platform, result.Label);
                Log.FlagCreated(logger, flagId, outcomes[i].PostId, post.Platform.ToCode(), post.AccountHandle, result.Label.ToCode(),
                    result.Scores.TryGetValue(result.Label, out var score) ? score : 0, result.ModelVersion);
            }
        }
        return outcomes;
    }
}
