namespace SocialWatch.Sources.Evidence;

/// <summary>The "Evidence" section: how a flagged post's media are fetched and kept.</summary>
public sealed class EvidenceOptions
{
    public const string SectionName = "Evidence";

    /// <summary>Largest media item kept, in bytes; a larger one is recorded as skipped with its size, and the flag stands.</summary>
    public long MaxMediaBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Retries, timeouts and circuit breaker of media fetches, one pipeline per media host (as for the connectors).</summary>
    public ResilienceOptions Resilience { get; set; } = new() { MaxRetries = 3, AttemptTimeout = TimeSpan.FromSeconds(60), MaxRateLimitWait = TimeSpan.FromMinutes(1) };
}

/// <summary>Checks the "Evidence" section at start-up and names every bad key.</summary>
internal sealed class EvidenceOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<EvidenceOptions>
{
    /// <summary>The cap must fit in one buffer (media are kept in the database, whole).</summary>
    public const long MaxAllowedBytes = 100 * 1024 * 1024;

    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, EvidenceOptions options)
    {
        var failures = new List<string>();
        if (options.MaxMediaBytes is < 1024 or > MaxAllowedBytes)
        {
            failures.Add($"{EvidenceOptions.SectionName}:MaxMediaBytes must be between 1024 and {MaxAllowedBytes} (got {options.MaxMediaBytes}).");
        }
        SourcesOptionsValidator.CheckResilience(failures, $"{EvidenceOptions.SectionName}:Resilience", options.Resilience);
        return failures.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }
}
