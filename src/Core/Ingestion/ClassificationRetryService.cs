using Microsoft.Extensions.Logging;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Ingestion;

/// <summary>What a retry of failed classifications did.</summary>
public sealed record ClassificationRetrySummary(int Retried, int Classified, int Flagged, int StillFailing);

/// <summary>
/// Gives posts the classifier threw on to the current model, once it is not the model that failed on them (a new
/// model or lexicon may read them; the same one would only fail again). Each post goes through the ingestion
/// pipeline as the stored version it is, so it is classified and flagged exactly as if it had just been fetched.
/// </summary>
public sealed class ClassificationRetryService(
    IPostRepository posts,
    IAccountRepository accounts,
    PostPipeline pipeline,
    IPostClassifier classifier,
    TimeProvider time,
    ILogger<ClassificationRetryService> logger)
{
    private const int BatchSize = 200;

    public async Task<ClassificationRetrySummary> RetryAsync(CancellationToken ct)
    {
        var (retried, classified, flagged, failing) = (0, 0, 0, 0);
        while (true)
        {
            // Every retried post either loses its failure or gets one recorded by this model, so the loop ends.
            var failures = await posts.ListRetryableClassificationFailuresAsync(classifier.ModelVersion, BatchSize, ct);
            if (failures.Count == 0)
            {
                break;
            }
            var batch = new List<AccountPost>(failures.Count);
            var regionOf = new Dictionary<long, string?>();
            foreach (var failure in failures)
            {
                var version = (await posts.GetVersionsAsync(failure.PostId, ct)).Single(v => v.Version == failure.PostVersion);
                if (!regionOf.TryGetValue(failure.AccountId, out var region))
                {
                    region = await accounts.GetRegionCodeAsync(failure.AccountId, ct);
                    regionOf[failure.AccountId] = region;
                }
                batch.Add(new AccountPost(failure.AccountId, AsFetched(version, failure.AccountHandle), RegionCode: region));
            }
            foreach (var outcome in await pipeline.ProcessAsync(batch, time.GetUtcNow(), ct))
            {
                retried++;
                classified += outcome.Classified ? 1 : 0;
                flagged += outcome.FlagId is null ? 0 : 1;
                failing += outcome.ClassificationFailed ? 1 : 0;
            }
        }
        if (retried > 0)
        {
            Log.ClassificationRetried(logger, classifier.ModelVersion, retried, classified, flagged, failing);
        }
        return new ClassificationRetrySummary(retried, classified, flagged, failing);
    }

    /// <summary>
    /// The stored version as a connector would hand it over again: same payload (so it is recognised as the same
    /// version, not an edit) and the same words the classifier reads.
    /// </summary>
    private static FetchedPost AsFetched(StoredPost version, string handle) => new()
    {
        Platform = version.Platform,
        PlatformPostId = version.PlatformPostId,
        AccountHandle = handle,
        CreatedAt = version.CreatedAt,
        EditedAt = version.EditedAt,
        Text = version.Text ?? "",
        Language = version.Language,
        Url = version.Url,
        IsRepost = version.IsRepost,
        IsQuote = version.IsQuote,
        ReplyToPostId = version.ReplyToPostId,
        SharedText = version.SharedText,
        Hashtags = version.Hashtags,
        Mentions = version.Mentions,
        MediaDescriptions = version.MediaDescriptions,
        MediaUrls = version.MediaUrls,
        RawPayload = version.RawPayload ?? "",
    };
}
