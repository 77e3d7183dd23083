using Microsoft.Extensions.Options;
using Quartz;

namespace SocialWatch.Worker.Ingestion;

internal sealed class DropFolderOptionsValidator : IValidateOptions<DropFolderOptions>
{
    public ValidateOptionsResult Validate(string? name, DropFolderOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled && string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add($"{DropFolderOptions.SectionName}:Path must name a folder when the drop folder is enabled");
        }
        if (options.ScanInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{DropFolderOptions.SectionName}:ScanInterval must be at least 00:00:01 (was {options.ScanInterval})");
        }
        if (options.SettleTime < TimeSpan.Zero)
        {
            failures.Add($"{DropFolderOptions.SectionName}:SettleTime must not be negative (was {options.SettleTime})");
        }
        if (options.MaxAttempts < 1)
        {
            failures.Add($"{DropFolderOptions.SectionName}:MaxAttempts must be at least 1 (was {options.MaxAttempts})");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class JobScheduleOptionsValidator : IValidateOptions<JobScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, JobScheduleOptions options)
    {
        var failures = new List<string>();
        if (options.PollCheckInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{JobScheduleOptions.SectionName}:PollCheckInterval must be at least 00:00:01 (was {options.PollCheckInterval})");
        }
        if (options.ClassificationRetryInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{JobScheduleOptions.SectionName}:ClassificationRetryInterval must be at least 00:00:01 (was {options.ClassificationRetryInterval})");
        }
        if (!CronExpression.TryParse(options.RetentionCron, out _))
        {
            failures.Add($"{JobScheduleOptions.SectionName}:RetentionCron '{options.RetentionCron}' is not a valid Quartz cron expression");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
