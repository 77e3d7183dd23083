using SocialWatch.Storage;

namespace SocialWatch.Worker;

/// <summary>
/// Brings the database schema up to date before anything else starts: it runs in the host's "starting" phase,
/// which completes before any hosted service (Quartz, the web server) is started. A database written by a newer
/// build stops start-up.
/// </summary>
internal sealed class DatabaseMigrationService(IDatabaseMigrator migrator, ILogger<DatabaseMigrationService> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var applied = await migrator.MigrateAsync(cancellationToken);
        var status = await migrator.GetStatusAsync(cancellationToken);
        if (applied.Count > 0)
        {
            Log.DatabaseMigrated(logger, status.Location, applied.Count, status.CurrentVersion);
        }
        else
        {
            Log.DatabaseUpToDate(logger, status.Location, status.CurrentVersion);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
