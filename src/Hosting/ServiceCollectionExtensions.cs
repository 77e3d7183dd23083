using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SocialWatch.Classifier;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Hosting.Learning;
using SocialWatch.Notifications;
using SocialWatch.Storage;

namespace SocialWatch.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Composes the adapters every host needs (storage, classifier, connectors, mail) from configuration.
    /// Hosts add only what is theirs (jobs, the console, commands) on top.
    /// </summary>
    public static IServiceCollection AddSocialWatch(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSources(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddStorage(configuration);
        services.AddClassifier(configuration);
        services.AddLearning(configuration);
        services.AddIngestion(configuration);
        services.AddNotifications(configuration);
        services.PostConfigure<StorageOptions>(o => o.DataDirectory = SettingsFolder.Resolve(o.DataDirectory));
        services.PostConfigure<MailOptions>(o => o.PickupDirectory = SettingsFolder.Resolve(o.PickupDirectory));
        // Validated with the digest's options: a bad Digest:TimeZone stops start-up naming the key.
        services.TryAddSingleton(sp => new ReadingTimeZone(TimeZoneInfo.FindSystemTimeZoneById(sp.GetRequiredService<IOptions<DigestOptions>>().Value.TimeZone)));
        // One review deadline for the digest and the console's due dates (Digest:ReviewDeadlineDays, validated there).
        services.TryAddSingleton(sp => new ReviewDeadline(TimeSpan.FromDays(sp.GetRequiredService<IOptions<DigestOptions>>().Value.ReviewDeadlineDays)));
        return services;
    }
}
