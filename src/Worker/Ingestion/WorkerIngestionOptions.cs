namespace SocialWatch.Worker.Ingestion;

/// <summary>
/// The JSONL drop folder: exported posts dropped here are ingested, then moved to <c>processed/</c>.
/// <code>"DropFolder": { "Enabled": true, "Path": "var/inbox", "ScanInterval": "00:00:10", "SettleTime": "00:00:02" }</code>
/// A relative path is resolved against the working directory.
/// </summary>
public sealed class DropFolderOptions
{
    public const string SectionName = "DropFolder";

    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = "var/inbox";

    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A file written to within this time is left for the next scan: the exporter may still be writing it.</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Scans that may fail on one file (a database outage, an unreadable file) before it is moved to <c>failed/</c>
    /// with the error beside it, so it never blocks the files behind it.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;
}

/// <summary>
/// When the scheduled jobs run.
/// <code>"Jobs": { "PollCheckInterval": "00:01:00", "RetentionCron": "0 30 2 * * ?", "ClassificationRetryInterval": "00:10:00" }</code>
/// </summary>
public sealed class JobScheduleOptions
{
    public const string SectionName = "Jobs";

    /// <summary>How often each platform's job looks for due accounts (each account's own interval is per platform).</summary>
    public TimeSpan PollCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Quartz cron expression for the retention purge (default 02:30 every night, server time zone).</summary>
    public string RetentionCron { get; set; } = "0 30 2 * * ?";

    /// <summary>
    /// How often posts the classifier failed on are offered to the current model (at start and then at this
    /// interval; only failures recorded by another model are tried, so an unchanged model costs one query).
    /// </summary>
    public TimeSpan ClassificationRetryInterval { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// The built-in demonstration data: a sample registry and sample posts, seeded once on the first start so the
/// product shows flags with no network. A real deployment sets <c>Enabled</c> to false.
/// <code>"Samples": { "Enabled": true, "RegistryFile": "data/sample-registry.csv", "InboxDirectory": "data/sample-inbox" }</code>
/// </summary>
public sealed class SamplesOptions
{
    public const string SectionName = "Samples";

    public bool Enabled { get; set; }

    public string RegistryFile { get; set; } = "data/sample-registry.csv";

    public string InboxDirectory { get; set; } = "data/sample-inbox";
}
