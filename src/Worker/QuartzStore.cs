using Quartz;
using SocialWatch.Storage;

namespace SocialWatch.Worker;

/// <summary>
/// Where Quartz keeps the cluster-singleton jobs (digest, outbox delivery, drop folder, retention). SQLite is one node,
/// so its scheduler stays in memory. On PostgreSQL the scheduler is clustered on the same database: each trigger fires
/// on one node, a node that dies has its jobs taken over after <see cref="CheckinMisfireThreshold"/>, and the Quartz
/// 4.7.3 schema (tables qrtz_*) is created by Quartz itself when missing (ProvisionSchema; several nodes starting at
/// once find the schema the first created). Job data is stored as strings and serialised with System.Text.Json.
/// </summary>
internal static class QuartzStore
{
    private static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CheckinMisfireThreshold = TimeSpan.FromSeconds(20);

    public static void UseSocialWatchStore(this IQuartzBuilder quartz, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (!storage.IsPostgres || string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            // The in-memory default; a missing connection string is reported by the storage validator at start.
            return;
        }
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(storage.ConnectionString);
            store.UseClustering(clustering =>
            {
                clustering.CheckinInterval = CheckinInterval;
                clustering.CheckinMisfireThreshold = CheckinMisfireThreshold;
            });
            store.UseSystemTextJsonSerializer();
            store.ConfigureStore(options => options.StoreJobDataAsStrings = true);
            store.ProvisionSchema();
        });
    }
}
