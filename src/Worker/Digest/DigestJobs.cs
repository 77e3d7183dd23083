using Microsoft.Extensions.Options;
using Quartz;
using SocialWatch.Core.Digest;
using SocialWatch.Notifications;

namespace SocialWatch.Worker.Digest;

/// <summary>
/// Builds the due digests (Digest:Cron in Digest:TimeZone) into the outbox, then asks the delivery job to send
/// them. Only the delivery job ever sends, so two jobs never deliver the same message at once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(DigestRun run, IOptions<DigestOptions> options, ILogger<DigestJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var stored = await run.BuildDueAsync(options.Value.ToSettings(), cancellationToken);
        Log.DigestsBuilt(logger, stored);
        await context.Scheduler.TriggerJob(OutboxDeliveryJob.Key, cancellationToken);
    }
}

/// <summary>Delivers due outbox messages every Mail:DeliveryInterval; failed ones come back after their backoff.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxDeliveryJob(OutboxSender sender) : IJob
{
    public static readonly JobKey Key = new("outbox-delivery", "digest");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sender.SendDueAsync(cancellationToken);
}
