namespace SocialWatch.Worker.Digest;

/// <summary>The worker's digest log messages, with stable event ids (4200-4299).</summary>
internal static partial class Log
{
    [LoggerMessage(4200, LogLevel.Information, "Digest run: {Stored} digest(s) stored in the outbox")]
    public static partial void DigestsBuilt(ILogger logger, int stored);
}
