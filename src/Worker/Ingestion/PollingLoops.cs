using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;

namespace SocialWatch.Worker.Ingestion;

/// <summary>
/// Polling rounds on every node: one loop per platform, every <c>Jobs:PollCheckInterval</c>, each round polling the
/// due accounts this node claims in the database (<see cref="PollingService.ClaimDueAsync"/>). Polling is not a
/// cluster singleton, so it runs here rather than in the (on PostgreSQL clustered) Quartz scheduler; a slow round
/// never overlaps the next of the same platform, and a slow platform never holds up another.
/// </summary>
internal sealed class PollingLoops(IServiceScopeFactory scopes, IOptions<JobScheduleOptions> schedule, TimeProvider time, ILogger<PollingLoops> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(PollingService.PolledPlatforms.Select(platform => Task.Run(() => LoopAsync(platform, stoppingToken), stoppingToken)));

    private async Task LoopAsync(Platform platform, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(schedule.Value.PollCheckInterval, time);
        try
        {
            do
            {
                await RoundAsync(platform, ct);
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: a round cut short leaves its accounts to the next lease; nothing stored is lost.
        }
    }

    private async Task RoundAsync(Platform platform, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var totals = new IngestionTotals();
            var results = await scope.ServiceProvider.GetRequiredService<PollingService>().PollDueAsync(platform, totals, ct);
            if (results.Count > 0)
            {
                Log.PollRound(logger, platform.ToCode(), results.Count, totals.ToString());
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The database may be down for a while: the next tick tries again.
            Log.PollRoundFailed(logger, ex, platform.ToCode());
        }
    }
}
