using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialWatch.Classifier;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Classifier.Model;
using SocialWatch.Classifier.Text;
using SocialWatch.Classifier.Training;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Learning;
using SocialWatch.Core.Ports;

namespace SocialWatch.Hosting.Learning;

public enum RetrainStatus
{
    /// <summary>The candidate passed the gate and is the active model now.</summary>
    Promoted,
    /// <summary>The candidate was recorded but the active model stays.</summary>
    Rejected,
    /// <summary>Fewer usable decisions than Learning:MinDecisions: nothing trained, the active model stays.</summary>
    TooFewDecisions,
}

/// <param name="Candidate">The recorded candidate (null when nothing was trained).</param>
public sealed record RetrainOutcome(RetrainStatus Status, string Message, ModelRecord? Candidate);

/// <summary>
/// One gated retrain (docs/learning.md): train a candidate on the shipped corpus plus four fifths of the officers'
/// decisions, measure it and the active model on the held-out split, the challenge set and the held-back fifth of the
/// decisions, record it in the models table, and activate it only when <see cref="PromotionGate"/> says so. The
/// candidate's file is written to a temporary name and renamed before its row exists, and activation is one UPDATE:
/// a retrain that fails or is stopped at any point leaves the active model as it was.
/// </summary>
public sealed class Retrainer(
    DecisionExampleSource decisions,
    IModelRegistry registry,
    ActiveModelClassifier active,
    ContestFiles contests,
    IOptions<LearningOptions> learningOptions,
    IOptions<ClassifierOptions> classifierOptions,
    IAuditLog audit,
    TimeProvider clock,
    ILogger<Retrainer> logger)
{
    /// <param name="actor">Who asked, for the audit log: "cli:&lt;user&gt;" or "system" (the job).</param>
    public async Task<RetrainOutcome> RetrainAsync(string actor, CancellationToken ct)
    {
        var options = learningOptions.Value;
        var examples = await decisions.LoadAsync(ct);
        if (examples.Examples.Count < options.MinDecisions)
        {
            return await DoneAsync(actor, new RetrainOutcome(RetrainStatus.TooFewDecisions, string.Create(CultureInfo.InvariantCulture,
                $"only {examples.Examples.Count} usable decisions ({examples.Purged} purged, {examples.Unlabelled} unlabelled skipped); Learning:MinDecisions is {options.MinDecisions}; the active model {active.ModelVersion} stays"), null), ct);
        }
        var heldBack = examples.Examples.Where(DecisionExamples.IsHeldBack).Select(ToPost).ToList();
        var learnt = examples.Examples.Where(e => !DecisionExamples.IsHeldBack(e)).Select(ToPost).ToList();
        var corpusFiles = LabelledPostReader.ResolveFiles(SettingsFolder.Resolve(options.TrainingData));
        var rows = LabelledPostReader.Read(corpusFiles).Concat(learnt).ToList();
        var lexicon = LexiconDirectory.Pair(ClassifierOptions.Resolve(classifierOptions.Value.LexiconDirectory), contests.Files);
        var slang = SlangTable.LoadDirectory(SettingsFolder.Resolve(options.SlangDirectory));
        ct.ThrowIfCancellationRequested();

        var bytes = ModelPackage.Serialize(ModelTrainer.Train(rows, Fingerprint(corpusFiles, learnt), slang, lexicon, new TrainingSettings()));
        var version = ModelPackage.VersionOf(bytes);
        var directory = SettingsFolder.Resolve(options.ModelDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, version + ".zip");
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, ct);
        File.Move(temporary, path, overwrite: true);
        ct.ThrowIfCancellationRequested();

        var baseline = active.Current;
        using var candidate = PostClassifier.FromOptions(ClassifierModel.Load(bytes, path, lexicon), classifierOptions.Value);
        var sets = new List<GateSet> { Measure("heldout", Read(options.HeldOutData), candidate, baseline) };
        if (!string.IsNullOrWhiteSpace(options.ChallengeData) && Exists(options.ChallengeData))
        {
            sets.Add(Measure("challenge", Read(options.ChallengeData), candidate, baseline));
        }
        if (heldBack.Count > 0)
        {
            sets.Add(Measure("decisions", heldBack, candidate, baseline));
        }
        var metrics = new GateMetrics(baseline.ModelVersion, sets);
        var (promote, reason) = PromotionGate.Decide(metrics, options.MaxRegression, options.MinImprovement);
        ct.ThrowIfCancellationRequested();

        var now = clock.GetUtcNow();
        if (promote && await registry.GetActiveAsync(ct) is null)
        {
            // The shipped model is recorded (active until this moment) so that `model activate` can return to it.
            await registry.AddAsync(new ModelRecord(0, baseline.ModelVersion, ClassifierOptions.Resolve(classifierOptions.Value.ModelPath), now,
                ModelOrigin.Shipped, 0, 0, 0, "{}", true, "the model the service ran before the first promotion", now), ct);
        }
        var record = await registry.AddAsync(new ModelRecord(0, version, path, now, ModelOrigin.Retrained, rows.Count, learnt.Count, heldBack.Count,
            metrics.ToJson(), promote, reason, null), ct);
        if (promote)
        {
            record = await registry.ActivateAsync(version, now, ct) ?? record;
        }
        var message = string.Create(CultureInfo.InvariantCulture,
            $"candidate {version} trained on {rows.Count} rows ({learnt.Count} decisions, {heldBack.Count} held back): {(promote ? "promoted" : "not promoted")}, {reason}");
        return await DoneAsync(actor, new RetrainOutcome(promote ? RetrainStatus.Promoted : RetrainStatus.Rejected, message, record), ct);
    }

    private async Task<RetrainOutcome> DoneAsync(string actor, RetrainOutcome outcome, CancellationToken ct)
    {
        Log.Retrained(logger, outcome.Message);
        await audit.AppendAsync(actor, AuditActions.ModelRetrained, outcome.Candidate is { } c ? "model:" + c.Version : null, outcome.Message, clock.GetUtcNow(), ct);
        return outcome;
    }

    private static LabelledPost ToPost(LearningExample example) => new(example.Id, example.Text, example.Label);

    private static bool Exists(string path) => File.Exists(SettingsFolder.Resolve(path)) || Directory.Exists(SettingsFolder.Resolve(path));

    private static List<LabelledPost> Read(string path) => LabelledPostReader.Read(LabelledPostReader.ResolveFiles(SettingsFolder.Resolve(path)));

    /// <summary>The corpus files' fingerprint extended with every decision used, so the manifest names exactly what was learnt.</summary>
    private static string Fingerprint(IReadOnlyList<string> corpusFiles, IReadOnlyList<LabelledPost> learnt)
    {
        var text = new StringBuilder(LabelledPostReader.Fingerprint(corpusFiles));
        foreach (var post in learnt)
        {
            text.Append('\n').Append(post.Id).Append('\t').Append(post.Label.ToCode()).Append('\t').Append(post.Text);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static GateSet Measure(string name, List<LabelledPost> posts, PostClassifier candidate, PostClassifier baseline) =>
        new(name, posts.Count, Score(candidate, posts), Score(baseline, posts));

    /// <summary>The same measurement as <c>model evaluate</c>: each post's verdict through the classifier's own decision rule.</summary>
    internal static SetScores Score(PostClassifier classifier, List<LabelledPost> posts)
    {
        var probabilities = new double[ClassifierModel.LabelCount];
        var report = EvaluationReport.Compute([.. posts.Select(post =>
        {
            var (label, flagged) = classifier.Predict(post.Text, probabilities);
            return (post.Label, label, flagged);
        })]);
        return new SetScores(report.Flag.F1, report.Flag.Precision, report.Flag.Recall, report.MacroF1);
    }
}
