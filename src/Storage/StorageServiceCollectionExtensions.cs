using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Ports;
using SocialWatch.Storage.Sqlite;

namespace SocialWatch.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the repositories of every port, over the database configured in the "Storage" section:
    /// <code>
    /// "Storage": { "Provider": "sqlite", "DataDirectory": "var" }
    /// </code>
    /// Repositories are stateless singletons; each call opens (a pooled) connection of its own.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<SqliteConnectionFactory>();
        services.TryAddSingleton<IDatabaseMigrator, SqliteDatabaseMigrator>();
        services.TryAddSingleton<IAgencyRepository, SqliteAgencyRepository>();
        services.TryAddSingleton<IStaffRepository, SqliteStaffRepository>();
        services.TryAddSingleton<IAccountRepository, SqliteAccountRepository>();
        services.TryAddSingleton<IPostRepository, SqlitePostRepository>();
        services.TryAddSingleton<IClassificationRepository, SqliteClassificationRepository>();
        services.TryAddSingleton<IIngestionStore, SqliteIngestionStore>();
        services.TryAddSingleton<IFlagRepository, SqliteFlagRepository>();
        services.TryAddSingleton<IUserRepository, SqliteUserRepository>();
        services.TryAddSingleton<IAuditLog, SqliteAuditLog>();
        services.TryAddSingleton<IOutbox, SqliteOutbox>();
        services.TryAddSingleton<IJobStateStore, SqliteJobStateStore>();
        return services;
    }
}
