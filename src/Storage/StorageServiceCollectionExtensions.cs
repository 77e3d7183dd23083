using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Ports;
using SocialWatch.Storage.Postgres;
using SocialWatch.Storage.Repositories;
using SocialWatch.Storage.Sqlite;

namespace SocialWatch.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the repositories of every port, over the database configured in the "Storage" section:
    /// <code>
    /// "Storage": { "Provider": "sqlite", "DataDirectory": "var" }
    /// "Storage": { "Provider": "postgres", "ConnectionString": "Host=…;Database=…" }
    /// </code>
    /// Repositories are stateless singletons written once for both engines over <see cref="SqlDialect"/>; each call
    /// opens (a pooled) connection of its own. Only the ingestion write path is written per engine.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<DbConnectionFactory>(sp => IsPostgres(sp)
            ? ActivatorUtilities.CreateInstance<PostgresConnectionFactory>(sp)
            : ActivatorUtilities.CreateInstance<SqliteConnectionFactory>(sp));
        services.TryAddSingleton(sp => (SqliteConnectionFactory)sp.GetRequiredService<DbConnectionFactory>());
        services.TryAddSingleton(sp => (PostgresConnectionFactory)sp.GetRequiredService<DbConnectionFactory>());
        services.TryAddSingleton<SqliteIngestionStore>();
        services.TryAddSingleton<PostgresIngestionStore>();
        services.TryAddSingleton<IIngestionStore>(sp => IsPostgres(sp) ? sp.GetRequiredService<PostgresIngestionStore>() : sp.GetRequiredService<SqliteIngestionStore>());
        services.TryAddSingleton<IPostWriter>(sp => IsPostgres(sp) ? sp.GetRequiredService<PostgresIngestionStore>() : sp.GetRequiredService<SqliteIngestionStore>());

        services.TryAddSingleton<IDatabaseMigrator, DatabaseMigrator>();
        services.TryAddSingleton<IAgencyRepository, AgencyRepository>();
        services.TryAddSingleton<IStaffRepository, StaffRepository>();
        services.TryAddSingleton<IAccountRepository, AccountRepository>();
        services.TryAddSingleton<IPostRepository, PostRepository>();
        services.TryAddSingleton<IClassificationRepository, ClassificationRepository>();
        services.TryAddSingleton<IFlagRepository, FlagRepository>();
        services.TryAddSingleton<ICaseRepository, CaseRepository>();
        services.TryAddSingleton<IEvidenceRepository, EvidenceRepository>();
        services.TryAddSingleton<IDuplicateRepository, DuplicateRepository>();
        services.TryAddSingleton<IUserRepository, UserRepository>();
        services.TryAddSingleton<IApiTokenRepository, ApiTokenRepository>();
        services.TryAddSingleton<IReviewReportRepository, ReviewReportRepository>();
        services.TryAddSingleton<IAuditLog, AuditLog>();
        services.TryAddSingleton<ISavedFilterRepository, SavedFilterRepository>();
        services.TryAddSingleton<IOutbox, Outbox>();
        services.TryAddSingleton<IJobStateStore, JobStateStore>();
        services.TryAddSingleton<IDecisionExampleRepository, DecisionExampleRepository>();
        services.TryAddSingleton<IModelRegistry, ModelRegistry>();
        services.TryAddSingleton<IRecallSampleRepository, RecallSampleRepository>();
        services.TryAddSingleton<IDataProtectionKeyStore, DataProtectionKeyStore>();
        // Replaces the connectors' in-process fallback, whichever was registered first.
        services.Replace(ServiceDescriptor.Singleton<IRateLimitStore, RateLimitStore>());
        return services;
    }

    private static bool IsPostgres(IServiceProvider services) => services.GetRequiredService<IOptions<StorageOptions>>().Value.IsPostgres;
}
