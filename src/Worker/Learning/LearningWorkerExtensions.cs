using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;
using SocialWatch.Hosting.Learning;
using SocialWatch.Notifications;

namespace SocialWatch.Worker.Learning;

public static class LearningWorkerExtensions
{
    /// <summary>
    /// The retrain job on Learning:RetrainCron (none when empty) and the daily recall sample on
    /// Learning:RecallSampleCron, both in Digest:TimeZone. A bad cron stops start-up naming the key.
    /// </summary>
    public static IServiceCollection AddLearningJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LearningOptions>, LearningCronValidator>());
        services.AddScoped<RetrainJob>();
        services.AddScoped<RecallSampleJob>();
        var learning = configuration.GetSection(LearningOptions.SectionName).Get<LearningOptions>() ?? new LearningOptions();
        var digest = configuration.GetSection(DigestOptions.SectionName).Get<DigestOptions>() ?? new DigestOptions();
        services.ConfigureAllQuartzSchedulers(q =>
        {
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(digest.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
            // Invalid values are reported by the validator at start; the check only keeps the builder from throwing first.
            if (!string.IsNullOrWhiteSpace(learning.RetrainCron) && CronExpression.TryParse(learning.RetrainCron, out _))
            {
                q.AddJob<RetrainJob>(j => j.WithIdentity(RetrainJob.Key));
                q.AddTrigger(t => t.ForJob(RetrainJob.Key).WithCronSchedule(learning.RetrainCron, c => c.InTimeZone(zone)));
            }
            if (learning.RecallSamplePerDay > 0 && CronExpression.TryParse(learning.RecallSampleCron, out _))
            {
                q.AddJob<RecallSampleJob>(j => j.WithIdentity(RecallSampleJob.Key));
                q.AddTrigger(t => t.ForJob(RecallSampleJob.Key).WithCronSchedule(learning.RecallSampleCron, c => c.InTimeZone(zone)));
            }
        });
        return services;
    }
}

internal sealed class LearningCronValidator : IValidateOptions<LearningOptions>
{
    public ValidateOptionsResult Validate(string? name, LearningOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.RetrainCron) && !CronExpression.TryParse(options.RetrainCron, out _))
        {
            failures.Add($"{LearningOptions.SectionName}:RetrainCron '{options.RetrainCron}' is not a valid Quartz cron expression (e.g. '0 0 2 ? * SUN'), or leave it empty to keep retraining off");
        }
        if (!CronExpression.TryParse(options.RecallSampleCron, out _))
        {
            failures.Add($"{LearningOptions.SectionName}:RecallSampleCron '{options.RecallSampleCron}' is not a valid Quartz cron expression (e.g. '0 30 5 * * ?')");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
