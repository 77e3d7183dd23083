using Microsoft.Extensions.Options;

namespace SocialWatch.Core.Ingestion;

/// <summary>Checks the whole Ingestion section and reports every bad key at once, by its configuration path.</summary>
internal sealed class IngestionOptionsValidator : IValidateOptions<IngestionOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestionOptions options)
    {
        var failures = new List<string>();
        if (options.DeletionWindow < TimeSpan.Zero)
        {
            failures.Add($"{IngestionOptions.SectionName}:DeletionWindow must not be negative (was {options.DeletionWindow})");
        }
        if (options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{IngestionOptions.SectionName}:LeaseDuration must be at least 00:00:01 (was {options.LeaseDuration})");
        }
        foreach (var (platform, polling) in options.Platforms)
        {
            var key = $"{IngestionOptions.SectionName}:Platforms:{platform}";
            if (polling.Interval < TimeSpan.FromSeconds(1))
            {
                failures.Add($"{key}:Interval must be at least 00:00:01 (was {polling.Interval})");
            }
            if (polling.MaxConcurrency is < 1 or > 64)
            {
                failures.Add($"{key}:MaxConcurrency must be between 1 and 64 (was {polling.MaxConcurrency})");
            }
            if (polling.Jitter < TimeSpan.Zero || polling.Jitter > TimeSpan.FromHours(1))
            {
                failures.Add($"{key}:Jitter must be between 00:00:00 and 01:00:00 (was {polling.Jitter})");
            }
            if (polling.BatchSize < 1)
            {
                failures.Add($"{key}:BatchSize must be at least 1 (was {polling.BatchSize})");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options) =>
        options.Days is >= 1 and <= 3650
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{RetentionOptions.SectionName}:Days must be between 1 and 3650 (was {options.Days})");
}
