using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SocialWatch.Core.Ports;
using SocialWatch.Storage;

namespace SocialWatch.Worker;

/// <summary>
/// <c>/healthz</c>: the process answers (liveness; no dependency is checked, so a database outage never gets a
/// healthy node restarted). <c>/readyz</c>: the node can do its work: the database answers and has every migration of
/// this build, and the classifier model is loaded. A load balancer sends console traffic only to ready nodes; while
/// the database is down a node reports unready and becomes ready again by itself when it returns.
/// </summary>
internal static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddSocialWatchHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [Ready])
            .AddCheck<ModelLoadedCheck>("model", tags: [Ready]);
        return services;
    }

    public static void MapSocialWatchHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous();
    }

    private sealed class DatabaseReadyCheck(IDatabaseMigrator migrator) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var status = await migrator.GetStatusAsync(cancellationToken);
                return status.IsUpToDate
                    ? HealthCheckResult.Healthy($"schema version {status.CurrentVersion}")
                    : HealthCheckResult.Unhealthy($"schema version {status.CurrentVersion} of {status.LatestVersion}: migrations pending");
            }
            catch (Exception ex) when (ex is DatabaseUnavailableException or DatabaseSchemaException or System.Data.Common.DbException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy(ex.Message.Split('\n')[0]);
            }
        }
    }

    private sealed class ModelLoadedCheck(IPostClassifier classifier) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(string.IsNullOrEmpty(classifier.ModelVersion)
                ? HealthCheckResult.Unhealthy("no classifier model loaded")
                : HealthCheckResult.Healthy($"model {classifier.ModelVersion}"));
    }
}
