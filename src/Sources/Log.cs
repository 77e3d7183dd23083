using Microsoft.Extensions.Logging;

namespace SocialWatch.Sources;

/// <summary>Every log line of the connectors, with stable event ids. Tokens and payloads are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "{Platform} {Host}: attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    public static partial void RetryScheduled(ILogger logger, Exception? exception, string platform, string host, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error,
        Message = "{Platform} {Host}: circuit opened for {BreakDuration} after repeated failures ({Reason})")]
    public static partial void CircuitOpened(ILogger logger, Exception? exception, string platform, string host, TimeSpan breakDuration, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "{Platform} {Host}: circuit closed, calls flow again")]
    public static partial void CircuitClosed(ILogger logger, string platform, string host);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "X connector disabled: Sources:X:BearerToken is empty (set SOCIALWATCH__Sources__X__BearerToken to enable it); X accounts are not polled")]
    public static partial void XDisabled(ILogger logger);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Connectors enabled: {Platforms}")]
    public static partial void SourcesEnabled(ILogger logger, string platforms);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information,
        Message = "{Platform} account {Handle}: skipped {Count} statuses that are not public (visibility private or direct)")]
    public static partial void NotPublicSkipped(ILogger logger, string platform, string handle, int count);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning,
        Message = "{Platform} account {Handle}: quarantined {Count} items that could not be read")]
    public static partial void Quarantined(ILogger logger, string platform, string handle, int count);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information,
        Message = "{Platform} {Host}: not called, paused by its rate limit until {Until:O} (a node was told to wait)")]
    public static partial void RateLimitPaused(ILogger logger, string platform, string host, DateTimeOffset until);
}
