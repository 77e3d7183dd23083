using Microsoft.Extensions.Logging;

namespace SocialWatch.Core.Ingestion;

/// <summary>Ingestion's log messages, with stable event ids (4000-4099, docs/logging.md).</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "Flag {FlagId} created for post {PostId} ({Platform} @{Handle}): {Label} {Score:0.00} by model {ModelVersion}")]
    public static partial void FlagCreated(ILogger logger, long flagId, long postId, string platform, string handle, string label, double score, string modelVersion);

    [LoggerMessage(4001, LogLevel.Information, "Polled account {AccountId} ({Platform} @{Handle}): {Posts} posts, {Quarantined} quarantined")]
    public static partial void Polled(ILogger logger, long accountId, string platform, string handle, int posts, int quarantined);

    [LoggerMessage(4002, LogLevel.Warning, "Poll of account {AccountId} ({Platform} @{Handle}) failed, will retry when due: {Error}")]
    public static partial void PollFailed(ILogger logger, Exception? exception, long accountId, string platform, string handle, string error);

    [LoggerMessage(4003, LogLevel.Error, "Account {AccountId} ({Platform} @{Handle}) needs attention and is no longer polled: {Error}")]
    public static partial void NeedsAttention(ILogger logger, Exception? exception, long accountId, string platform, string handle, string error);

    [LoggerMessage(4004, LogLevel.Warning, "Quarantined an item of account {AccountId} (@{Handle}): {Reason}")]
    public static partial void Quarantined(ILogger logger, long accountId, string handle, string reason);

    [LoggerMessage(4005, LogLevel.Information, "Post {PostId} ({Platform} {PlatformPostId}) is gone from the platform: marked deleted, evidence kept")]
    public static partial void MarkedDeleted(ILogger logger, long postId, string platform, string platformPostId);

    [LoggerMessage(4006, LogLevel.Debug, "Account {AccountId} (@{Handle}) is still being polled; skipped this round")]
    public static partial void PollSkippedBusy(ILogger logger, long accountId, string handle);

    [LoggerMessage(4007, LogLevel.Information, "Imported {File}: {Read} posts read, {Inserted} new, {NewVersions} new versions, {Flagged} flagged, {Rejected} lines rejected")]
    public static partial void FileImported(ILogger logger, string file, int read, int inserted, int newVersions, int flagged, int rejected);

    [LoggerMessage(4009, LogLevel.Error, "The classifier ({ModelVersion}) failed on {Platform} post {PlatformPostId} (@{Handle}): stored without a verdict, to be retried by the next model")]
    public static partial void ClassificationFailed(ILogger logger, Exception exception, string platform, string platformPostId, string handle, string modelVersion);

    [LoggerMessage(4010, LogLevel.Information, "Classification retry with model {ModelVersion}: {Retried} posts tried, {Classified} classified, {Flagged} flagged, {StillFailing} still failing")]
    public static partial void ClassificationRetried(ILogger logger, string modelVersion, int retried, int classified, int flagged, int stillFailing);

    [LoggerMessage(4008, LogLevel.Information, "Retention: purged text and payload of {Purged} unflagged posts fetched before {Cutoff:u} ({Days} days)")]
    public static partial void Purged(ILogger logger, int purged, int days, DateTimeOffset cutoff);

    [LoggerMessage(4011, LogLevel.Warning, "Poll of account {AccountId} (@{Handle}) finished after its lease was claimed by another node: its posts are stored, its cursor was left to the other poll")]
    public static partial void LeaseLost(ILogger logger, long accountId, string handle);

    [LoggerMessage(4090, LogLevel.Information, "Evidence of flag {FlagId}: {Kept} media kept, {Skipped} skipped, parent {Parent}")]
    public static partial void EvidenceCollected(ILogger logger, long flagId, int kept, int skipped, string parent);

    [LoggerMessage(4091, LogLevel.Warning, "Evidence of flag {FlagId}: media {Url} not kept: {Reason}")]
    public static partial void EvidenceMediaSkipped(ILogger logger, long flagId, string url, string reason);
}
