using Quartz;
using SocialWatch.Hosting.Learning;

namespace SocialWatch.Worker.Learning;

/// <summary>
/// The gated retrain on Learning:RetrainCron (off unless set). One at a time, on one node of a cluster (Quartz's
/// clustered store, like the digest); a promotion reaches every node through the models table.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RetrainJob(Retrainer retrainer) : IJob
{
    public static readonly JobKey Key = new("retrain", "learning");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await retrainer.RetrainAsync("system", cancellationToken);
}

/// <summary>The daily recall sample on Learning:RecallSampleCron: yesterday's unflagged posts, on one node of a cluster.</summary>
[DisallowConcurrentExecution]
public sealed class RecallSampleJob(RecallSampler sampler) : IJob
{
    public static readonly JobKey Key = new("recall-sample", "learning");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sampler.SampleYesterdayAsync(cancellationToken);
}
