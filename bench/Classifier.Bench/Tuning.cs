using System.Globalization;
using System.Text;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Classifier.Model;
using SocialWatch.Classifier.Text;
using SocialWatch.Classifier.Training;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Bench;

/// <summary>
/// Chooses settings on the training data alone: every fifth training row (by position) is the validation fold,
/// the rest trains. The held-out split and EmoT are never looked at here.
/// </summary>
internal static class Tuning
{
    private static readonly float[] L2Grid = [0.02f, 0.05f, 0.1f, 0.2f, 0.5f];
    private static readonly double[] CharGrid = [0.0, 0.25, 0.5, 0.75, 1.0];
    private static readonly float[] L1Grid = [0f, 0.01f, 0.05f];

    public static string Run(IReadOnlyList<LabelledPost> training, SlangTable slang, IReadOnlyList<(string Path, LexiconFile File)> lexicon,
        TrainingSettings baseline, double threshold, double opposeThreshold, double everyday, string grid)
    {
        var fit = training.Where((_, i) => i % 5 != 4).ToList();
        var validation = training.Where((_, i) => i % 5 == 4).ToList();
        var candidates = grid switch
        {
            "l2" => L2Grid.Select(l2 => baseline with { L2 = l2 }),
            "chars" => CharGrid.Select(w => baseline with { CharGramWeight = w }),
            "l1" => L1Grid.Select(l1 => baseline with { L1 = l1 }),
            _ => [baseline],
        };
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Validation fold: {validation.Count} of {training.Count} training rows; thresholds endorse/campaign {threshold}, oppose {opposeThreshold}, everyday {everyday}.").AppendLine();
        text.AppendLine("| trainer | L1 | L2 | char weight | temperature | macro-F1 | flag precision | flag recall | non-flag flagged | best thresholds (e/o/c) → macro-F1 |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var settings in candidates)
        {
            var bytes = ModelPackage.Serialize(ModelTrainer.Train(fit, new string('0', 64), slang, lexicon, settings));
            var model = ClassifierModel.Load(bytes, "validation.zip", lexicon);
            double[] Thresholds(double e, double o, double k) => [e, o, k, 0.5, 0.5];
            EvaluationReport Evaluate(double[] thresholds)
            {
                using var classifier = new PostClassifier(model, thresholds, everyday);
                var probabilities = new double[ClassifierModel.LabelCount];
                return EvaluationReport.Compute(validation.Select(p =>
                {
                    var (label, flagged) = classifier.Predict(p.Text, probabilities);
                    return (p.Label, label, flagged);
                }).ToList());
            }
            var report = Evaluate(Thresholds(threshold, opposeThreshold, threshold));
            // Per-label thresholds that keep validation flag precision ≥ 0.99, best macro-F1 first.
            var steps = new[] { 0.3, 0.4, 0.5, 0.6, 0.7 };
            var best = (from e in steps from o in steps from k in steps
                        let r = Evaluate(Thresholds(e, o, k))
                        where r.Flag.Precision >= 0.99
                        orderby r.MacroF1 descending
                        select (e, o, k, r.MacroF1)).FirstOrDefault();
            text.AppendLine(c, $"| {settings.Trainer} | {settings.L1} | {settings.L2} | {settings.CharGramWeight} | {model.Temperature:0.###} | {report.MacroF1:0.000} | {report.Flag.Precision:0.000} | {report.Flag.Recall:0.000} | {report.FalseFlags}/{report.NonFlagCount} | {best.e}/{best.o}/{best.k} → {best.MacroF1:0.000} |");
        }
        return text.ToString();
    }
}
