using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Classifier;

/// <summary>
/// Loads the model and the contest files when a host starts, so a missing or corrupt model file or an invalid
/// contest file stops start-up with a message naming the file instead of failing inside the first ingestion job.
/// </summary>
public sealed partial class ClassifierStartupCheck(IPostClassifier classifier, ElectionCalendar calendar, ILogger<ClassifierStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogModelLoaded(logger, classifier.ModelVersion, calendar.Contests.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Classifier model {ModelVersion} loaded, {ContestCount} contests")]
    private static partial void LogModelLoaded(ILogger logger, string modelVersion, int contestCount);
}
