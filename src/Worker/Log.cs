namespace SocialWatch.Worker;

/// <summary>The Worker host's log messages, with stable event ids (1000-1099: start-up and shutdown; docs/logging.md).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database {DatabasePath} migrated: applied {AppliedCount} migration(s), schema version {SchemaVersion}")]
    public static partial void DatabaseMigrated(ILogger logger, string databasePath, int appliedCount, int schemaVersion);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Database {DatabasePath} is up to date at schema version {SchemaVersion}")]
    public static partial void DatabaseUpToDate(ILogger logger, string databasePath, int schemaVersion);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Critical, Message = "SocialWatch cannot start: {Reason}")]
    public static partial void StartFailed(ILogger logger, Exception exception, string reason);
}
