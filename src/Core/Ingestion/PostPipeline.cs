using Microsoft.Extensions.Logging;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Ingestion;

/// <summary>What the pipeline did with one fetched post.</summary>
/// <param name="Stored">Whether the post was new, unchanged or an edit.</param>
/// <param name="Classified">Whether the current model classified it in this run.</param>
/// <param name="FlagCreated">Whether this run created its review flag (false when the flag already existed).</param>
public sealed record PostOutcome(StoredPost Post, StoreOutcome Stored, bool Classified, bool FlagCreated);

/// <summary>
/// Store → classify → flag for one post. Every step is idempotent, so running it again after a crash at any
/// point finishes the work without duplicating any of it: the store dedupes on (platform, post id) and payload
/// hash, classifications on (post, version, model), flags on the post.
/// </summary>
public sealed class PostPipeline(
    IPostRepository posts,
    IClassificationRepository classifications,
    IFlagRepository flags,
    IPostClassifier classifier,
    ILogger<PostPipeline> logger)
{
    public async Task<PostOutcome> ProcessAsync(long accountId, FetchedPost post, DateTimeOffset fetchedAt, CancellationToken ct)
    {
        var stored = await posts.StoreAsync(accountId, post, fetchedAt, ct);
        if (stored.Outcome == StoreOutcome.Unchanged && !await NeedsClassificationAsync(stored.Post, ct))
        {
            return new PostOutcome(stored.Post, stored.Outcome, Classified: false, FlagCreated: false);
        }

        var result = classifier.Classify(post.ClassifiableText);
        var classification = await classifications.SaveAsync(stored.Post.Id, stored.Post.Version, result, fetchedAt, ct);
        var flagCreated = false;
        if (result.IsFlag && result.Label.IsFlag())
        {
            var score = result.Scores.TryGetValue(result.Label, out var s) ? s : 0;
            (_, flagCreated) = await flags.CreateIfAbsentAsync(stored.Post.Id, classification.Id, result.Label, score, fetchedAt, ct);
            if (flagCreated)
            {
                Log.FlagCreated(logger, stored.Post.Id, post.Platform.ToCode(), post.AccountHandle, result.Label.ToCode(), score, result.ModelVersion);
            }
        }
        return new PostOutcome(stored.Post, stored.Outcome, Classified: true, flagCreated);
    }

    /// <summary>
    /// An unchanged post still needs the classifier when an earlier run stopped before classifying it, or
    /// classified it as a flag label but may have stopped before creating the flag. A post this model already
    /// judged as not a flag, or one an older model judged, is left as it is: re-judging old posts is a
    /// deliberate re-classification, not a side effect of polling.
    /// </summary>
    private async Task<bool> NeedsClassificationAsync(StoredPost post, CancellationToken ct)
    {
        var latest = await classifications.GetLatestAsync(post.Id, ct);
        if (latest is null || latest.PostVersion != post.Version)
        {
            return true;
        }
        return latest.ModelVersion == classifier.ModelVersion && latest.Label.IsFlag();
    }
}
