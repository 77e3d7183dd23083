using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Telemetry;

namespace SocialWatch.Core.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// The ingestion use cases (poll, import, retention) over the Core ports; the ports themselves come from
    /// the adapters. Options: the "Ingestion" and "Retention" sections, validated at start.
    /// </summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.SectionName)).ValidateOnStart();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AccountLeases>();
        services.TryAddSingleton<Learning.DecisionExampleSource>();
        services.AddMetrics();
        services.TryAddSingleton<SocialWatchMetrics>();
        services.TryAddSingleton<Connectors>();
        services.TryAddScoped<FlagElectionRecorder>();
        services.TryAddScoped<FlagEvidenceCollector>();
        services.TryAddScoped<PostPipeline>();
        services.TryAddScoped<AccountPoller>();
        services.TryAddScoped<PollingService>();
        services.TryAddScoped<FileImportService>();
        services.TryAddScoped<RetentionService>();
        services.TryAddScoped<ClassificationRetryService>();
        return services;
    }
}
