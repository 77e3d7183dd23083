using Microsoft.Extensions.Options;

namespace SocialWatch.Hosting.Learning;

/// <summary>
/// The <c>Learning</c> section: retraining from the officers' decisions, its promotion gate, hot reload of the active
/// model, and the daily recall sample (docs/learning.md). Relative paths resolve against the settings folder.
/// </summary>
public sealed class LearningOptions
{
    public const string SectionName = "Learning";

    /// <summary>Quartz cron of the retrain job in Digest:TimeZone; empty (the default) leaves the job off.</summary>
    public string RetrainCron { get; set; } = "";

    /// <summary>Fewer usable decisions than this and a retrain says so and keeps the active model.</summary>
    public int MinDecisions { get; set; } = 50;

    /// <summary>How far below the active model's flag F1 the candidate may be on any gate set and still be promoted.</summary>
    public double MaxRegression { get; set; } = 0.005;

    /// <summary>How far above the active model's flag F1 the candidate must be on at least one gate set.</summary>
    public double MinImprovement { get; set; } = 0.005;

    /// <summary>The shipped corpus a candidate is trained on, besides the decisions.</summary>
    public string TrainingData { get; set; } = "data/training";

    /// <summary>The fixed held-out split both models are measured on.</summary>
    public string HeldOutData { get; set; } = "data/heldout";

    /// <summary>The challenge set, measured when the folder or file exists; empty to leave it out.</summary>
    public string ChallengeData { get; set; } = "data/challenge";

    /// <summary>The slang tables a candidate normalises with (stored inside the model, like the shipped one's).</summary>
    public string SlangDirectory { get; set; } = "data/lexicon";

    /// <summary>Where candidates are written (VERSION.zip); several nodes must share it.</summary>
    public string ModelDirectory { get; set; } = "var/models";

    /// <summary>How often a running service checks whether the active model changed.</summary>
    public int ReloadSeconds { get; set; } = 30;

    /// <summary>Unflagged posts a day sent to the queue as "periksa: mungkin terlewat"; 0 turns the sample off.</summary>
    public int RecallSamplePerDay { get; set; } = 20;

    /// <summary>Quartz cron of the recall sample in Digest:TimeZone (default 05:30 each day, over the previous day's posts).</summary>
    public string RecallSampleCron { get; set; } = "0 30 5 * * ?";

    /// <summary>Share of the daily sample taken from the posts scoring just under a flag threshold; the rest is drawn at random.</summary>
    public double RecallNearThresholdShare { get; set; } = 0.75;
}

public sealed class LearningOptionsValidator : IValidateOptions<LearningOptions>
{
    public ValidateOptionsResult Validate(string? name, LearningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var s = LearningOptions.SectionName;
        var c = System.Globalization.CultureInfo.InvariantCulture;
        if (options.MinDecisions is < 1 or > 1_000_000)
        {
            failures.Add(string.Create(c, $"{s}:MinDecisions must be between 1 and 1000000 (got {options.MinDecisions})"));
        }
        if (options.MaxRegression is < 0 or > 1 || double.IsNaN(options.MaxRegression))
        {
            failures.Add(string.Create(c, $"{s}:MaxRegression must be between 0 and 1 (got {options.MaxRegression})"));
        }
        if (options.MinImprovement is < 0 or > 1 || double.IsNaN(options.MinImprovement))
        {
            failures.Add(string.Create(c, $"{s}:MinImprovement must be between 0 and 1 (got {options.MinImprovement})"));
        }
        if (options.ReloadSeconds is < 1 or > 86_400)
        {
            failures.Add(string.Create(c, $"{s}:ReloadSeconds must be between 1 and 86400 (got {options.ReloadSeconds})"));
        }
        if (options.RecallSamplePerDay is < 0 or > 10_000)
        {
            failures.Add(string.Create(c, $"{s}:RecallSamplePerDay must be between 0 and 10000 (got {options.RecallSamplePerDay})"));
        }
        if (options.RecallNearThresholdShare is < 0 or > 1 || double.IsNaN(options.RecallNearThresholdShare))
        {
            failures.Add(string.Create(c, $"{s}:RecallNearThresholdShare must be between 0 and 1 (got {options.RecallNearThresholdShare})"));
        }
        foreach (var (key, value) in new[] { ("TrainingData", options.TrainingData), ("HeldOutData", options.HeldOutData), ("SlangDirectory", options.SlangDirectory), ("ModelDirectory", options.ModelDirectory) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{s}:{key} must name a folder or file");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
