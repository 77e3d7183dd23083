using Quartz;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;

namespace SocialWatch.Worker.Ingestion;

/// <summary>
/// Polls the due accounts of one platform (named in the job data). One job per platform, so a slow platform
/// never holds up another; never two runs of the same platform at once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PollPlatformJob(PollingService polling, ILogger<PollPlatformJob> logger) : IJob
{
    public const string PlatformKey = "platform";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var platform = PlatformNames.Parse(context.MergedJobDataMap.GetString(PlatformKey));
        var totals = new IngestionTotals();
        var results = await polling.PollDueAsync(platform, totals, cancellationToken);
        if (results.Count > 0)
        {
            Log.PollRound(logger, platform.ToCode(), results.Count, totals.ToString());
        }
    }
}

/// <summary>Imports the files waiting in the drop folder.</summary>
[DisallowConcurrentExecution]
public sealed class DropFolderJob(DropFolderService dropFolder) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await dropFolder.ProcessAsync(cancellationToken);
}

/// <summary>Purges text and payload of old unflagged posts.</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(RetentionService retention) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await retention.PurgeAsync(cancellationToken);
}

/// <summary>Offers posts the classifier failed on to the current model.</summary>
[DisallowConcurrentExecution]
public sealed class ClassificationRetryJob(ClassificationRetryService retry) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await retry.RetryAsync(cancellationToken);
}
