namespace SocialWatch.Worker.Ingestion;

/// <summary>The worker's ingestion log messages, with stable event ids (4100-4199).</summary>
internal static partial class Log
{
    [LoggerMessage(4100, LogLevel.Information, "Poll round {Platform}: {Accounts} accounts; {Totals}")]
    public static partial void PollRound(ILogger logger, string platform, int accounts, string totals);

    [LoggerMessage(4101, LogLevel.Information, "Drop folder: {File} ingested ({Totals}), {Rejected} lines rejected; moved to {Target}")]
    public static partial void FileProcessed(ILogger logger, string file, string totals, int rejected, string target);

    [LoggerMessage(4102, LogLevel.Warning, "Drop folder: {File} line {Line} rejected: {Reason}")]
    public static partial void LineRejected(ILogger logger, string file, int line, string reason);

    [LoggerMessage(4105, LogLevel.Error, "Drop folder: importing {File} failed (attempt {Attempt} of {MaxAttempts}); the next file goes on and this one is tried again at the next scan")]
    public static partial void FileFailed(ILogger logger, Exception exception, string file, int attempt, int maxAttempts);

    [LoggerMessage(4106, LogLevel.Error, "Drop folder: {File} failed {Attempts} times and was moved to {Target} with the error beside it")]
    public static partial void FileMovedToFailed(ILogger logger, Exception exception, string file, int attempts, string target);

    [LoggerMessage(4103, LogLevel.Information, "Samples seeded: {Added} new of {Rows} sample accounts registered, {Files} sample files copied to {DropFolder}")]
    public static partial void SamplesSeeded(ILogger logger, int added, int rows, int files, string dropFolder);

    [LoggerMessage(4104, LogLevel.Warning, "Samples are enabled but not found ({RegistryFile}, {InboxDirectory}); nothing seeded. Set Samples:Enabled to false to silence this")]
    public static partial void SamplesMissing(ILogger logger, string registryFile, string inboxDirectory);

    [LoggerMessage(4107, LogLevel.Error, "Poll round {Platform} failed; the next round tries again")]
    public static partial void PollRoundFailed(ILogger logger, Exception exception, string platform);
}
