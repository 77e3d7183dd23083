using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SocialWatch.Hosting.Learning;

/// <summary>
/// Polls the models table every Learning:ReloadSeconds and swaps in a newly activated model (a promotion on any node,
/// or `model activate`), so a running service follows the active model without a restart.
/// </summary>
public sealed class ActiveModelWatcher(ActiveModelClassifier classifier, IOptions<LearningOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.ReloadSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            // The first check runs at once: a service started after a promotion serves the promoted model.
            await classifier.RefreshAsync(stoppingToken);
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
