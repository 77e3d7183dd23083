using Microsoft.Extensions.Logging;

namespace SocialWatch.Hosting.Learning;

internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Active model changed from {OldVersion} to {NewVersion}: new posts are classified by {NewVersion}")]
    public static partial void ModelReloaded(ILogger logger, string oldVersion, string newVersion);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "Active model {Version} ({Path}) cannot be loaded, keeping {CurrentVersion}: {Reason}")]
    public static partial void ModelReloadFailed(ILogger logger, Exception exception, string version, string path, string currentVersion, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Checking the active model failed, keeping {CurrentVersion}: {Reason}")]
    public static partial void ModelCheckFailed(ILogger logger, Exception exception, string currentVersion, string reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Retrain: {Outcome}")]
    public static partial void Retrained(ILogger logger, string outcome);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Recall sample: {Count} unflagged posts of {Population} sent for review ({Near} just under a threshold, {Random} at random)")]
    public static partial void RecallSampled(ILogger logger, int count, int population, int near, int random);
}
