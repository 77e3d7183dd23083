using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier;

/// <summary>
/// The "Classifier" configuration section. Relative paths are resolved against the working directory first,
/// then against the application's base directory.
/// <code>
/// "Classifier": {
///   "ModelPath": "models/classifier.zip",
///   "LexiconDirectory": "data/contests",
///   "Thresholds": { "endorse": 0.6, "oppose": 0.55, "campaign": 0.45 },
///   "EverydayAnchorThreshold": 0.78,
///   "NamedPersonAnchorThreshold": 0.6,
///   "VoteDayAnchorThreshold": 0.6,
///   "LoneNumberAnchorThreshold": 0.6,
///   "VoteCallThreshold": 0.5
/// }
/// </code>
/// </summary>
public sealed class ClassifierOptions
{
    public const string SectionName = "Classifier";

    public string ModelPath { get; set; } = "models/classifier.zip";

    /// <summary>Directory of contest lexicon JSON files (docs/contests.md); an admin adds a region by adding a file.</summary>
    public string LexiconDirectory { get; set; } = "data/contests";

    /// <summary>Calibrated probability a flag label needs before the post is flagged, per label code.</summary>
    public Dictionary<string, double> Thresholds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public const double DefaultThreshold = 0.5;

    /// <summary>
    /// Probability a flag label needs when the post's only political anchors are everyday words or a party name
    /// (data/contests/context-words.json, "everyday"); never lower than the label's own threshold.
    /// </summary>
    public double EverydayAnchorThreshold { get; set; } = DefaultEverydayAnchorThreshold;

    public const double DefaultEverydayAnchorThreshold = 0.78;

    /// <summary>
    /// Probability a flag label needs when the post has no electoral anchor but names a person the contest files do
    /// not know ("tim Pak Rozali", "kaos Sudiarta": <see cref="Lexicon.NamedPersonCue"/>); never lower than the
    /// label's own threshold, and it lowers the everyday tier's bar for such posts.
    /// </summary>
    public double NamedPersonAnchorThreshold { get; set; } = DefaultNamedPersonAnchorThreshold;

    public const double DefaultNamedPersonAnchorThreshold = 0.6;

    /// <summary>
    /// Probability a flag label needs when the post has no electoral anchor but names a loaded contest's vote day
    /// ("april kita ganti", "tgl 27 jangan ragu": <see cref="Lexicon.VoteDayCue"/>); never lower than the label's
    /// own threshold, and it lowers the everyday tier's bar for such posts.
    /// </summary>
    public double VoteDayAnchorThreshold { get; set; } = DefaultVoteDayAnchorThreshold;

    public const double DefaultVoteDayAnchorThreshold = 0.6;

    /// <summary>
    /// Probability a flag label needs when the post's only cue is a pair-style number standing alone ("ogah bgt 02",
    /// "yakin deh sekarang 01": <see cref="Lexicon.LexiconMatches.LoneNumber"/>), not a date, time or address; never
    /// lower than the label's own threshold, and it lowers the everyday tier's bar for such posts.
    /// </summary>
    public double LoneNumberAnchorThreshold { get; set; } = DefaultLoneNumberAnchorThreshold;

    public const double DefaultLoneNumberAnchorThreshold = 0.6;

    /// <summary>
    /// Probability "endorse" needs when the post puts a candidate, pair, party, ballot number or finger sign next to
    /// an election or support word ("coblos nomor 3", "pilihlah Pak X nomor 4": <see cref="Lexicon.ContestLexicon.HasVoteCall"/>),
    /// the guide's plainest case; it only ever lowers the endorse threshold.
    /// </summary>
    public double VoteCallThreshold { get; set; } = DefaultVoteCallThreshold;

    public const double DefaultVoteCallThreshold = 0.5;

    /// <summary>The threshold per label in <see cref="LabelNames.All"/> order; non-flag labels need none.</summary>
    public double[] ThresholdsByLabel() => LabelNames.All
        .Select(label => Thresholds.TryGetValue(label.ToCode(), out var value) ? value : DefaultThreshold)
        .ToArray();

    /// <summary>These settings with another model file (a command's <c>--model</c>).</summary>
    public ClassifierOptions WithModel(string modelPath) => new()
    {
        ModelPath = modelPath,
        LexiconDirectory = LexiconDirectory,
        Thresholds = new Dictionary<string, double>(Thresholds, StringComparer.OrdinalIgnoreCase),
        EverydayAnchorThreshold = EverydayAnchorThreshold,
        NamedPersonAnchorThreshold = NamedPersonAnchorThreshold,
        VoteDayAnchorThreshold = VoteDayAnchorThreshold,
        LoneNumberAnchorThreshold = LoneNumberAnchorThreshold,
        VoteCallThreshold = VoteCallThreshold,
    };

    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path))
        {
            return Path.GetFullPath(path);
        }
        var besideApp = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(besideApp) || Directory.Exists(besideApp) ? besideApp : Path.GetFullPath(path);
    }
}

/// <summary>Checks every key of the section and reports all problems at once, each naming its key.</summary>
public sealed class ClassifierOptionsValidator : IValidateOptions<ClassifierOptions>
{
    public ValidateOptionsResult Validate(string? name, ClassifierOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            failures.Add("Classifier:ModelPath is required");
        }
        if (string.IsNullOrWhiteSpace(options.LexiconDirectory))
        {
            failures.Add("Classifier:LexiconDirectory is required");
        }
        foreach (var (key, value) in options.Thresholds)
        {
            if (!LabelNames.TryParse(key, out var label) || !label.IsFlag())
            {
                failures.Add($"Classifier:Thresholds:{key} is not a flag label (endorse, oppose or campaign)");
            }
            else
            {
                RequireProbability($"Thresholds:{key}", value, failures);
            }
        }
        RequireProbability("EverydayAnchorThreshold", options.EverydayAnchorThreshold, failures);
        RequireProbability("NamedPersonAnchorThreshold", options.NamedPersonAnchorThreshold, failures);
        RequireProbability("VoteDayAnchorThreshold", options.VoteDayAnchorThreshold, failures);
        RequireProbability("LoneNumberAnchorThreshold", options.LoneNumberAnchorThreshold, failures);
        RequireProbability("VoteCallThreshold", options.VoteCallThreshold, failures);
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    /// <summary>Every threshold is a probability a label must reach: (0, 1].</summary>
    private static void RequireProbability(string key, double value, List<string> failures)
    {
        if (value is <= 0 or > 1 || double.IsNaN(value))
        {
            failures.Add($"Classifier:{key} must be greater than 0 and at most 1 (was {value})");
        }
    }
}
