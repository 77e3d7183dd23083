using System.Diagnostics.Metrics;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Telemetry;

/// <summary>
/// The service's own metrics, on the meter <see cref="MeterName"/> (System.Diagnostics.Metrics): exporters
/// (OpenTelemetry in the Worker, off by default) and <c>dotnet-counters</c> read them; with no listener they cost
/// next to nothing. Counters are per node; the backlog is the database's, so every node reports the same value.
/// </summary>
public sealed class SocialWatchMetrics
{
    public const string MeterName = "SocialWatch";

    private readonly Counter<long> postsIngested;
    private readonly Counter<long> flagsRaised;
    private readonly Counter<long> pollFailures;
    private readonly Histogram<double> classifyDuration;

    public SocialWatchMetrics(IMeterFactory meters, IFlagRepository flags)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        postsIngested = meter.CreateCounter<long>("socialwatch.posts.ingested", "{post}", "Posts stored for the first time (edits of known posts not included)");
        flagsRaised = meter.CreateCounter<long>("socialwatch.flags.raised", "{flag}", "Flags created for review");
        pollFailures = meter.CreateCounter<long>("socialwatch.poll.failures", "{poll}", "Account polls that failed (kind: transient or permanent)");
        classifyDuration = meter.CreateHistogram<double>("socialwatch.classify.duration", "s", "Time the classifier took for one post");
        // Counted when a listener collects (a Prometheus scrape, an OTLP export), not on a timer of its own.
        meter.CreateObservableGauge("socialwatch.queue.backlog",
            () =>
            {
                var counts = flags.CountByStatusAsync(new FlagQuery()).GetAwaiter().GetResult();
                return counts[FlagStatus.Open] + counts[FlagStatus.InReview];
            },
            "{flag}", "Flags waiting for review (open or in review)");
    }

    public void PostIngested(Platform platform) => postsIngested.Add(1, new KeyValuePair<string, object?>("platform", platform.ToCode()));

    public void FlagRaised(Platform platform, Label label) => flagsRaised.Add(1,
        new KeyValuePair<string, object?>("platform", platform.ToCode()), new KeyValuePair<string, object?>("label", label.ToCode()));

    public void PollFailed(Platform platform, bool permanent) => pollFailures.Add(1,
        new KeyValuePair<string, object?>("platform", platform.ToCode()), new KeyValuePair<string, object?>("kind", permanent ? "permanent" : "transient"));

    public void Classified(TimeSpan elapsed) => classifyDuration.Record(elapsed.TotalSeconds);
}
