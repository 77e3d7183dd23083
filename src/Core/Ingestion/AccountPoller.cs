using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Telemetry;

namespace SocialWatch.Core.Ingestion;

/// <summary>How one account's poll ended.</summary>
public enum PollStatus
{
    Succeeded,
    /// <summary>Transient failure (network, 5xx, timeout): counted, retried at the next due time.</summary>
    Failed,
    /// <summary>Permanent failure (gone, 401/403): the account now needs an admin's attention.</summary>
    NeedsAttention,
    /// <summary>Another poll of the same account was still running, so this one did nothing.</summary>
    Skipped,
    /// <summary>The platform's connector is switched off by configuration: nothing fetched, nothing counted against the account.</summary>
    Paused,
}

public sealed record PollResult(long AccountId, PollStatus Status, string? Error);

/// <summary>
/// Polls one account: fetch → store, classify and flag every post → keep quarantined items → mark vanished posts
/// deleted → and only then advance the cursor. A crash before the cursor moves means the next poll fetches the
/// same posts again, which the idempotent pipeline turns into "unchanged". An account claimed with a lease
/// (<see cref="WatchedAccount.LeaseToken"/>) has its result recorded only while the lease is still this node's.
/// </summary>
public sealed class AccountPoller(
    IEnumerable<IPostSource> sources,
    PostPipeline pipeline,
    IPostRepository posts,
    IAccountRepository accounts,
    AccountLeases leases,
    SocialWatchMetrics metrics,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<AccountPoller> logger)
{
    private readonly Dictionary<Platform, IPostSource> sourcesByPlatform = sources.ToDictionary(s => s.Platform);

    public async Task<PollResult> PollAsync(WatchedAccount account, IngestionTotals totals, CancellationToken ct)
    {
        using var lease = leases.TryTake(account.Id);
        if (lease is null)
        {
            Log.PollSkippedBusy(logger, account.Id, account.Handle);
            return new PollResult(account.Id, PollStatus.Skipped, null);
        }

        if (!sourcesByPlatform.TryGetValue(account.Platform, out var source))
        {
            var why = account.Platform.IsExportOnly()
                ? $"{account.Platform.ToCode()} accounts are fed by exported files, not polled"
                : $"paused: the {account.Platform.ToCode()} connector is disabled by configuration";
            return new PollResult(account.Id, PollStatus.Paused, why);
        }

        FetchResult fetched;
        try
        {
            fetched = await source.FetchAsync(account, ct);
        }
        catch (PermanentSourceException ex)
        {
            return await FailAsync(account, ex.Text, ex, permanent: true, totals, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return await FailAsync(account, TransientError(ex), ex, permanent: false, totals, ct);
        }

        var fetchedAt = time.GetUtcNow();
        foreach (var (rawPayload, reason) in fetched.Quarantined)
        {
            await posts.QuarantineAsync(account.Platform, account.Id, rawPayload, reason, fetchedAt, ct);
            totals.AddQuarantined();
            Log.Quarantined(logger, account.Id, account.Handle, reason);
        }

        var region = fetched.Posts.Count == 0 ? null : await accounts.GetRegionCodeAsync(account.Id, ct);
        foreach (var outcome in await pipeline.ProcessAsync(fetched.Posts.Select(p => new AccountPost(account.Id, p, RegionCode: region)).ToList(), fetchedAt, ct))
        {
            totals.Add(outcome);
        }

        if (fetched.LiveWindow is { } window)
        {
            totals.AddDeleted(await MarkVanishedAsync(account, window, fetchedAt, ct));
        }

        if (!await accounts.RecordPollSuccessAsync(account.Id, fetched.NextCursor ?? account.Cursor, fetched.PlatformAccountId ?? account.PlatformAccountId, fetchedAt, account.LeaseToken, ct))
        {
            // This node stalled past its lease and another claimed the account: its cursor is the other poll's to move.
            Log.LeaseLost(logger, account.Id, account.Handle);
            return new PollResult(account.Id, PollStatus.Skipped, "lease lost");
        }
        totals.AddAccount(succeeded: true);
        Log.Polled(logger, account.Id, account.Platform.ToCode(), account.Handle, fetched.Posts.Count, fetched.Quarantined.Count);
        return new PollResult(account.Id, PollStatus.Succeeded, null);
    }

    /// <summary>
    /// Posts we hold as live, created inside the window the source listed in full, that the source no longer
    /// lists, were deleted on the platform. Only their deletion time is recorded; text, payload and versions stay.
    /// </summary>
    private async Task<int> MarkVanishedAsync(WatchedAccount account, LiveWindow window, DateTimeOffset at, CancellationToken ct)
    {
        var since = Max(window.Since, at - options.Value.DeletionWindow);
        var live = window.LivePostIds.ToHashSet(StringComparer.Ordinal);
        var marked = 0;
        foreach (var platformPostId in await posts.ListLivePostIdsAsync(account.Id, since, ct))
        {
            if (live.Contains(platformPostId))
            {
                continue;
            }
            var postId = await posts.FindIdAsync(account.Platform, platformPostId, ct);
            if (postId is { } id)
            {
                await posts.MarkDeletedAsync(id, at, ct);
                marked++;
                Log.MarkedDeleted(logger, id, account.Platform.ToCode(), platformPostId);
            }
        }
        return marked;
    }

    /// <summary>A connector's own retryable failure reads as it wrote it; anything else (network, timeout) is named as such.</summary>
    private static LocalizableMessage TransientError(Exception ex) => ex is TransientSourceException transient
        ? transient.Text
        : $"the last poll failed; the next poll tries again: {ex.Message}";

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private async Task<PollResult> FailAsync(WatchedAccount account, LocalizableMessage error, Exception? cause, bool permanent, IngestionTotals totals, CancellationToken ct)
    {
        metrics.PollFailed(account.Platform, permanent);
        // The failure is recorded even when the caller is stopping: a half-recorded failure would hide the reason.
        if (!await accounts.RecordPollFailureAsync(account.Id, error, permanent, time.GetUtcNow(), account.LeaseToken, CancellationToken.None))
        {
            Log.LeaseLost(logger, account.Id, account.Handle);
            return new PollResult(account.Id, PollStatus.Skipped, "lease lost");
        }
        totals.AddAccount(succeeded: false);
        if (permanent)
        {
            Log.NeedsAttention(logger, cause, account.Id, account.Platform.ToCode(), account.Handle, error.ToString());
            return new PollResult(account.Id, PollStatus.NeedsAttention, error.ToString());
        }
        Log.PollFailed(logger, cause, account.Id, account.Platform.ToCode(), account.Handle, error.ToString());
        return new PollResult(account.Id, PollStatus.Failed, error.ToString());
    }
}
