using Quartz;
using SocialWatch.Core.Ingestion;

namespace SocialWatch.Worker.Ingestion;

/// <summary>
/// Imports the files waiting in the drop folder. A cluster singleton: with several nodes on PostgreSQL the clustered
/// scheduler runs it on one node at a time, so a shared folder's files are never imported twice at once.
/// </summary>
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

/// <summary>Keeps the media and parent post of new flags (a cluster singleton: one node fetches each flag's media).</summary>
[DisallowConcurrentExecution]
public sealed class FlagEvidenceJob(FlagEvidenceCollector collector) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await collector.CollectPendingAsync(cancellationToken);
}
