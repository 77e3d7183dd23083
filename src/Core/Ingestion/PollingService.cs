using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Ingestion;

/// <summary>
/// One polling round: every due account of a platform, at most <see cref="PlatformPollingOptions.MaxConcurrency"/>
/// at a time, each after a random jitter. Used by the scheduled job (one platform per trigger) and by
/// <c>socialwatch ingest --once</c> (all platforms). One account's failure never stops the others. Each account
/// is polled in its own DI scope, so parallel polls never share a scoped repository or connection.
/// </summary>
public sealed class PollingService(
    IServiceScopeFactory scopes,
    IAccountRepository accounts,
    IOptions<IngestionOptions> options,
    Connectors connectors,
    TimeProvider time)
{
    /// <summary>Names this process in the leases it takes: host name and process id.</summary>
    public static string NodeName { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// Claims the accounts of a platform due for a poll now, least recently polled first, that no other node holds:
    /// every node of a deployment runs rounds, and each account is polled by one of them.
    /// </summary>
    public async Task<IReadOnlyList<WatchedAccount>> ClaimDueAsync(Platform platform, CancellationToken ct)
    {
        if (!connectors.IsEnabled(platform))
        {
            return [];
        }
        var polling = options.Value.For(platform);
        var now = time.GetUtcNow();
        return await accounts.ClaimDueAsync(platform, now - polling.Interval, polling.BatchSize, NodeName, now, now + options.Value.LeaseDuration, ct);
    }

    /// <summary>
    /// Platforms that have an API connector. Export-only platforms are fed by files; a platform whose connector is
    /// switched off (X without a token) is skipped by the rounds, and its accounts show as paused, not failed
    /// (<see cref="Connectors.Activity"/>).
    /// </summary>
    public static IReadOnlyList<Platform> PolledPlatforms { get; } = [.. Enum.GetValues<Platform>().Where(p => !p.IsExportOnly())];

    /// <summary>Claims every due account of every polled platform.</summary>
    public async Task<IReadOnlyList<WatchedAccount>> ClaimAllDueAsync(CancellationToken ct)
    {
        var due = new List<WatchedAccount>();
        foreach (var platform in PolledPlatforms.Where(connectors.IsEnabled))
        {
            due.AddRange(await ClaimDueAsync(platform, ct));
        }
        return due;
    }

    public async Task<IReadOnlyList<PollResult>> PollDueAsync(Platform platform, IngestionTotals totals, CancellationToken ct) =>
        await PollAsync(await ClaimDueAsync(platform, ct), totals, onPolled: null, ct);

    /// <summary>Polls the given accounts (grouped by platform, each group under its own concurrency bound).</summary>
    /// <param name="onPolled">Called after each account, from any thread (the CLI's progress bar).</param>
    public async Task<IReadOnlyList<PollResult>> PollAsync(
        IReadOnlyList<WatchedAccount> due, IngestionTotals totals, Action<WatchedAccount, PollResult>? onPolled, CancellationToken ct)
    {
        var results = new System.Collections.Concurrent.ConcurrentBag<PollResult>();
        var rounds = due.GroupBy(a => a.Platform).Select(group =>
        {
            var polling = options.Value.For(group.Key);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = polling.MaxConcurrency, CancellationToken = ct };
            return Parallel.ForEachAsync(group, parallel, async (account, token) =>
            {
                await DelayJitterAsync(polling.Jitter, token);
                await using var scope = scopes.CreateAsyncScope();
                var poller = scope.ServiceProvider.GetRequiredService<AccountPoller>();
                var result = await poller.PollAsync(account, totals, token);
                results.Add(result);
                onPolled?.Invoke(account, result);
            });
        });
        await Task.WhenAll(rounds);
        return [.. results];
    }

    private async Task DelayJitterAsync(TimeSpan jitter, CancellationToken ct)
    {
        if (jitter > TimeSpan.Zero)
        {
            var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * jitter.TotalMilliseconds);
            await Task.Delay(delay, time, ct);
        }
    }
}
