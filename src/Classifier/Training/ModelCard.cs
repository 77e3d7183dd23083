using System.Globalization;
using System.Text;
using SocialWatch.Classifier.Model;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Training;

/// <summary>Writes models/MODEL_CARD.md: what the model is, what it was trained on, and how it did on held-out posts.</summary>
public static class ModelCard
{
    /// <summary>The decision's thresholds in words, as the card states them (the benchmarks' reports quote it too).</summary>
    public static string DescribeThresholds(ClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var thresholds = options.ThresholdsByLabel();
        return string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(", ", LabelNames.All.Where(l => l.IsFlag()).Select(l => $"{l.ToCode()} {thresholds[(int)l]:0.00}"))}, endorse {options.VoteCallThreshold:0.00} when an election or support word stands next to a known candidate, party, number or sign; a post whose only political anchors are everyday words or a party name needs {options.EverydayAnchorThreshold:0.00}, one that names a person the contest files do not know and has no electoral anchor {options.NamedPersonAnchorThreshold:0.00}, one that names a contest's vote day and has no electoral anchor {options.VoteDayAnchorThreshold:0.00}, one whose only cue is a pair-style number standing alone (\"02\") {options.LoneNumberAnchorThreshold:0.00}, and a post with none of these is never flagged");
    }

    public static string Render(ClassifierModel model, ClassifierOptions options, EvaluationReport? heldOut, string heldOutSource,
        IEnumerable<string> trainingFiles, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(options);
        var c = CultureInfo.InvariantCulture;
        var manifest = model.Manifest;
        var settings = manifest.Settings;
        var text = new StringBuilder();
        text.AppendLine("# Model card: SocialWatch political-endorsement classifier").AppendLine();
        text.AppendLine(c, $"- **Model version:** `{model.Version}` (SHA-256 of the zip; format {manifest.Format})");
        text.AppendLine(c, $"- **Date:** {createdAt:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(c, $"- **Training data SHA-256:** `{manifest.Data.Sha256}` over {string.Join(", ", trainingFiles.Select(f => $"`{f}`"))}");
        text.AppendLine(c, $"- **Training rows:** {manifest.Data.Rows} ({string.Join(", ", manifest.Labels.Select(l => $"{l} {manifest.Data.LabelCounts.GetValueOrDefault(l)}"))})");
        text.AppendLine(c, $"- **Model:** ML.NET chain: `{manifest.Featurizer}` (our normaliser and contest lexicon as a CustomMapping; word 1-2-grams, character 3-4-grams, lexicon features hashed into 2^{manifest.HashBits} slots, sparse) → {settings.Trainer} (L1 {settings.L1}, L2 {settings.L2}, class-weighted, seed {settings.Seed}, one thread)");
        text.AppendLine(c, $"- **Calibration:** temperature {manifest.Temperature:0.###} fitted on 1 of {settings.CalibrationFolds} folds of the training data");
        text.AppendLine(c, $"- **Thresholds (flag when reached):** {DescribeThresholds(options)}");
        text.AppendLine(c, $"- **Normalisation resources:** {model.Slang.Count} slang entries (SHA-256 `{manifest.SlangSha256[..12]}`), {model.Vocabulary.Count} vocabulary words (stored in the zip); contest lexicon files at training: {string.Join(", ", manifest.LexiconFiles.Select(f => $"`{f}`"))}; context words of {string.Join(", ", manifest.ContextWords.Keys.Select(f => $"`{f}`"))} checked at start-up");
        text.AppendLine();
        text.AppendLine("## Intended use").AppendLine();
        text.AppendLine("Ranks public posts of registered civil servants for **human review** of possible breaches of political neutrality. A flag is a reason to look, never a finding: every flag carries the spans and lexicon entities that caused it. Labels follow `shared/docs/labeling-guide.md`.");
        text.AppendLine();
        if (heldOut is null)
        {
            text.AppendLine("## Held-out metrics").AppendLine().AppendLine("No held-out file was given.");
            return text.ToString();
        }
        text.AppendLine(c, $"## Held-out metrics ({heldOut.Total} posts, `{heldOutSource}`; names and regions unseen in training)").AppendLine();
        text.AppendLine("| label | support | precision | recall | F1 |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var metrics in heldOut.Labels.Append(heldOut.Flag))
        {
            text.AppendLine(c, $"| {metrics.Name} | {metrics.Support} | {metrics.Precision:0.000} | {metrics.Recall:0.000} | {metrics.F1:0.000} |");
        }
        text.AppendLine();
        text.AppendLine(c, $"Accuracy {heldOut.Accuracy:0.000}, macro-F1 {heldOut.MacroF1:0.000}, non-flag posts flagged {heldOut.FalseFlags} of {heldOut.NonFlagCount} ({heldOut.FalseFlagRate:P1}).");
        text.AppendLine().AppendLine("Confusion matrix (rows expected, columns predicted):").AppendLine();
        text.AppendLine("| | " + string.Join(" | ", LabelNames.All.Select(l => l.ToCode())) + " |");
        text.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", LabelNames.All.Count)));
        for (var i = 0; i < LabelNames.All.Count; i++)
        {
            text.AppendLine(c, $"| {LabelNames.All[i].ToCode()} | {string.Join(" | ", Enumerable.Range(0, LabelNames.All.Count).Select(j => heldOut.Confusion[i, j]))} |");
        }
        text.AppendLine();
        text.AppendLine("## Limits").AppendLine();
        text.AppendLine("Trained on posts written by the SocialWatch team in the styles of the labelling guide, not on real civil servants' posts; images, likes and follows are invisible to it. Regional contests outside the lexicon are caught only through general patterns (\"pilih paslon nomor urut N\"). Re-check thresholds on real reviewed posts before relying on recall.");
        return text.ToString();
    }
}
