using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Training;

/// <summary>Precision, recall and F1 for one label (or for "flag vs no flag").</summary>
public sealed record LabelMetrics(string Name, int Support, int Predicted, int Correct)
{
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;
    public double Recall => Support == 0 ? 0 : (double)Correct / Support;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Per-label metrics, the confusion matrix (rows expected, columns predicted) and flag-level metrics.</summary>
public sealed class EvaluationReport
{
    private EvaluationReport(int[,] confusion, LabelMetrics flag, int falseFlags, int nonFlagCount)
    {
        Confusion = confusion;
        Labels = LabelNames.All.Select((label, i) => new LabelMetrics(
            label.ToCode(),
            Enumerable.Range(0, LabelNames.All.Count).Sum(j => confusion[i, j]),
            Enumerable.Range(0, LabelNames.All.Count).Sum(j => confusion[j, i]),
            confusion[i, i])).ToList();
        Flag = flag;
        FalseFlags = falseFlags;
        NonFlagCount = nonFlagCount;
    }

    public int[,] Confusion { get; }
    public IReadOnlyList<LabelMetrics> Labels { get; }
    public LabelMetrics Flag { get; }
    public int FalseFlags { get; }
    public int NonFlagCount { get; }
    public int Total => Labels.Sum(l => l.Support);
    public double Accuracy => Total == 0 ? 0 : (double)Labels.Sum(l => l.Correct) / Total;
    public double MacroF1 => Labels.Average(l => l.F1);

    /// <summary>Share of non-flag posts that were flagged.</summary>
    public double FalseFlagRate => NonFlagCount == 0 ? 0 : (double)FalseFlags / NonFlagCount;

    public static EvaluationReport Compute(IEnumerable<(Label Expected, Label Predicted, bool Flagged)> outcomes)
    {
        var n = LabelNames.All.Count;
        var confusion = new int[n, n];
        int flagSupport = 0, flagPredicted = 0, flagCorrect = 0, nonFlag = 0, falseFlags = 0;
        foreach (var (expected, predicted, flagged) in outcomes)
        {
            confusion[(int)expected, (int)predicted]++;
            flagSupport += expected.IsFlag() ? 1 : 0;
            flagPredicted += flagged ? 1 : 0;
            flagCorrect += expected.IsFlag() && flagged ? 1 : 0;
            nonFlag += expected.IsFlag() ? 0 : 1;
            falseFlags += !expected.IsFlag() && flagged ? 1 : 0;
        }
        return new EvaluationReport(confusion, new LabelMetrics("flag", flagSupport, flagPredicted, flagCorrect), falseFlags, nonFlag);
    }
}
