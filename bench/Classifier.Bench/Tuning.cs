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
    public static string Run(IReadOnlyList<LabelledPost> training, SlangTable slang, IReadOnlyList<(string Path, LexiconFile File)> lexicon,
        TrainingSettings baseline, ClassifierOptions shipped, string grid)
    {
        var fit = training.Where((_, i) => i % 5 != 4).ToList();
        var validation = training.Where((_, i) => i % 5 == 4).ToList();
        // --grid "l2=0.01,0.02" | "l1=..." | "chars=..." | "trainer=LbfgsMaximumEntropy,SdcaMaximumEntropy"
        var (name, list) = grid.Split('=', 2) is [var n, var l] ? (n, l.Split(',')) : ("", []);
        var candidates = list.Select(v => name switch
        {
            "l2" => baseline with { L2 = float.Parse(v, CultureInfo.InvariantCulture) },
            "l1" => baseline with { L1 = float.Parse(v, CultureInfo.InvariantCulture) },
            "chars" => baseline with { CharGramWeight = double.Parse(v, CultureInfo.InvariantCulture) },
            "trainer" => baseline with { Trainer = Enum.Parse<ClassifierTrainer>(v) },
            _ => throw new ArgumentException($"unknown grid '{grid}'"),
        }).DefaultIfEmpty(baseline);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Validation fold: {validation.Count} of {training.Count} training rows; thresholds {ModelCard.DescribeThresholds(shipped)}.").AppendLine();
        text.AppendLine("| trainer | L1 | L2 | char weight | temperature | macro-F1 | flag precision | flag recall | non-flag flagged | best thresholds (e/o/c) → macro-F1 |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var settings in candidates)
        {
            var bytes = ModelPackage.Serialize(ModelTrainer.Train(fit, new string('0', 64), slang, lexicon, settings));
            var model = ClassifierModel.Load(bytes, "validation.zip", lexicon);
            double[] Thresholds(double e, double o, double k) => [e, o, k, 0.5, 0.5];
            EvaluationReport Evaluate(double[] thresholds)
            {
                using var classifier = ShippedClassifierOptions.Classifier(shipped, model, thresholds);
                var probabilities = new double[ClassifierModel.LabelCount];
                return EvaluationReport.Compute(validation.Select(p =>
                {
                    var (label, flagged) = classifier.Predict(p.Text, probabilities);
                    return (p.Label, label, flagged);
                }).ToList());
            }
            var report = Evaluate(shipped.ThresholdsByLabel());
            // Per-label thresholds that flag no more non-flag posts than the default ones, best macro-F1 first.
            double[] steps = [0.3, 0.4, 0.5, 0.6, 0.7];
            var best = (from e in steps from o in steps from k in steps
                        let r = Evaluate(Thresholds(e, o, k))
                        where r.FalseFlags <= report.FalseFlags
                        orderby r.MacroF1 descending
                        select (e, o, k, r.MacroF1)).First();
            text.AppendLine(c, $"| {settings.Trainer} | {settings.L1} | {settings.L2} | {settings.CharGramWeight} | {model.Temperature:0.###} | {report.MacroF1:0.000} | {report.Flag.Precision:0.000} | {report.Flag.Recall:0.000} | {report.FalseFlags}/{report.NonFlagCount} | {best.e}/{best.o}/{best.k} → {best.MacroF1:0.000} |");
        }
        return text.ToString();
    }
}
