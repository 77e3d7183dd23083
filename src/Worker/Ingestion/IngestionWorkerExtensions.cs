using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Hosting;

namespace SocialWatch.Worker.Ingestion;

public static class IngestionWorkerExtensions
{
    /// <summary>
    /// The ingestion work: polling loops on every node (one per platform); the drop folder, retention and the retry of
    /// failed classifications and the collection of flag evidence as Quartz jobs (cluster singletons on PostgreSQL); plus the sample seeder.
    /// Call before <c>AddQuartzHostedService</c> so the samples are registered before the first job runs.
    /// Sections: "DropFolder", "Jobs", "Samples" (and Core's "Ingestion", "Retention").
    /// </summary>
    public static IServiceCollection AddIngestionJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddIngestion(configuration);
        services.AddOptions<DropFolderOptions>().Bind(configuration.GetSection(DropFolderOptions.SectionName))
            .PostConfigure(o => o.Path = SettingsFolder.Resolve(o.Path)).ValidateOnStart();
        services.AddOptions<JobScheduleOptions>().Bind(configuration.GetSection(JobScheduleOptions.SectionName)).ValidateOnStart();
        services.AddOptions<SamplesOptions>().Bind(configuration.GetSection(SamplesOptions.SectionName)).PostConfigure(o =>
        {
            o.RegistryFile = SettingsFolder.Resolve(o.RegistryFile);
            o.InboxDirectory = SettingsFolder.Resolve(o.InboxDirectory);
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DropFolderOptions>, DropFolderOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobScheduleOptions>, JobScheduleOptionsValidator>());
        services.TryAddScoped<DropFolderService>();
        services.TryAddSingleton<DropFolderFailures>();
        services.AddHostedService<SampleSeeder>();
        services.AddHostedService<PollingLoops>();

        // Jobs are registered in DI explicitly so a missing dependency fails at start, not at the first fire.
        services.AddScoped<DropFolderJob>();
        services.AddScoped<RetentionJob>();
        services.AddScoped<ClassificationRetryJob>();
        services.AddScoped<FlagEvidenceJob>();

        var schedule = configuration.GetSection(JobScheduleOptions.SectionName).Get<JobScheduleOptions>() ?? new JobScheduleOptions();
        var drop = configuration.GetSection(DropFolderOptions.SectionName).Get<DropFolderOptions>() ?? new DropFolderOptions();
        services.ConfigureAllQuartzSchedulers(q =>
        {
            if (drop.Enabled)
            {
                var dropKey = new JobKey("drop-folder", "ingestion");
                q.AddJob<DropFolderJob>(j => j.WithIdentity(dropKey));
                q.AddTrigger(t => t.ForJob(dropKey).StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(Positive(drop.ScanInterval)).RepeatForever()));
            }
            var retryKey = new JobKey("classification-retry", "ingestion");
            q.AddJob<ClassificationRetryJob>(j => j.WithIdentity(retryKey));
            q.AddTrigger(t => t.ForJob(retryKey).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(Positive(schedule.ClassificationRetryInterval)).RepeatForever()));
            // Soon after a flag is created, before its post can vanish; each run takes every flag still waiting.
            var evidenceKey = new JobKey("flag-evidence", "ingestion");
            q.AddJob<FlagEvidenceJob>(j => j.WithIdentity(evidenceKey));
            q.AddTrigger(t => t.ForJob(evidenceKey).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(EvidenceInterval).RepeatForever()));
            var retentionKey = new JobKey("retention", "ingestion");
            q.AddJob<RetentionJob>(j => j.WithIdentity(retentionKey));
            q.AddTrigger(t => t.ForJob(retentionKey).WithCronSchedule(CronExpression.TryParse(schedule.RetentionCron, out _)
                ? schedule.RetentionCron : new JobScheduleOptions().RetentionCron));
        });
        return services;
    }

    private static readonly TimeSpan EvidenceInterval = TimeSpan.FromSeconds(30);

    // Invalid values are reported by the options validators at start; this only keeps the trigger builder
    // from throwing first with a less helpful message.
    private static TimeSpan Positive(TimeSpan interval) => interval > TimeSpan.Zero ? interval : TimeSpan.FromMinutes(1);
}
