using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;
using SocialWatch.Notifications;

namespace SocialWatch.Worker.Digest;

public static class DigestWorkerExtensions
{
    /// <summary>
    /// The nightly digest job on Digest:Cron in Digest:TimeZone, and the outbox delivery job every Mail:DeliveryInterval.
    /// A bad cron stops start-up with a message naming the key (the time zone is checked by Notifications).
    /// </summary>
    public static IServiceCollection AddDigestJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigestOptions>, DigestCronValidator>());
        services.AddScoped<DigestJob>();
        services.AddScoped<OutboxDeliveryJob>();

        var digest = configuration.GetSection(DigestOptions.SectionName).Get<DigestOptions>() ?? new DigestOptions();
        var mail = configuration.GetSection(MailOptions.SectionName).Get<MailOptions>() ?? new MailOptions();
        services.ConfigureAllQuartzSchedulers(q =>
        {
            q.AddJob<OutboxDeliveryJob>(j => j.WithIdentity(OutboxDeliveryJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(OutboxDeliveryJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(mail.DeliveryInterval >= TimeSpan.FromSeconds(1) ? mail.DeliveryInterval : TimeSpan.FromMinutes(1)).RepeatForever()));

            // Invalid values are reported by the validators at start; the fallbacks only keep the builder from throwing first.
            var cron = CronExpression.TryParse(digest.Cron, out _) ? digest.Cron : new DigestOptions().Cron;
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(digest.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
            var digestKey = new JobKey("digest", "digest");
            q.AddJob<DigestJob>(j => j.WithIdentity(digestKey));
            q.AddTrigger(t => t.ForJob(digestKey).WithCronSchedule(cron, c => c.InTimeZone(zone)));
        });
        return services;
    }
}

internal sealed class DigestCronValidator : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options) =>
        CronExpression.TryParse(options.Cron, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{DigestOptions.SectionName}:Cron '{options.Cron}' is not a valid Quartz cron expression (e.g. '0 0 6 * * ?')");
}
