using System.Globalization;
using System.Text;
using SocialWatch.Classifier.Model;
using SocialWatch.Classifier.Training;

namespace SocialWatch.Classifier.Bench;

/// <summary>Collects the figures of one run and renders them as the markdown of docs/bench/classifier.md.</summary>
internal sealed class BenchReport(int trainingRows, int heldOutRows, int emotRows, ClassifierModel model, double trainSeconds, ClassifierOptions options)
{
    private readonly List<(string Name, QualityResult Result)> quality = [];
    private readonly List<(double Threshold, QualityResult Result)> everydaySweep = [];

    public long ModelBytes { get; set; }
    public double LoadSeconds { get; set; }
    public double TypicalPostChars { get; set; }
    public double PredictPerSecond { get; set; }
    public double ClassifyPerSecond { get; set; }
    public double PredictPerCpuSecond { get; set; }
    public double ClassifyPerCpuSecond { get; set; }
    public List<MemorySample> Memory { get; set; } = [];
    public double FastTextTrainSeconds { get; set; }
    public WholeProcessResult? WholeProcess { get; set; }
    public List<TrainerResult> Trainers { get; set; } = [];

    public void AddQuality(string name, QualityResult result) => quality.Add((name, result));

    public void AddEverydaySweep(double threshold, QualityResult result) => everydaySweep.Add((threshold, result));

    /// <summary>The trade-off Classifier:EverydayAnchorThreshold controls, for the admin who sets it.</summary>
    public string EverydaySweepTable()
    {
        if (everydaySweep.Count == 0)
        {
            return "";
        }
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("### Classifier:EverydayAnchorThreshold").AppendLine();
        text.AppendLine("Same model and thresholds; only the probability a post anchored by everyday words alone needs changes (at or below a label's own threshold it has no effect).").AppendLine();
        text.AppendLine("| everyday-anchor threshold | held-out macro-F1 | flag precision | flag recall | EmoT flagged | EmoT false flags (partisan tweets excluded) |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var (threshold, result) in everydaySweep)
        {
            var h = result.HeldOut;
            text.AppendLine(c, $"| {threshold:0.00} | {h.MacroF1:0.000} | {h.Flag.Precision:0.000} | {h.Flag.Recall:0.000} | {result.EmotFlagged}/{result.EmotTotal} ({result.EmotRate:P2}) | {result.EmotFalseFlags}/{result.EmotTotal - result.EmotPartisan.Count} ({result.EmotFalseFlagRate:P2}) |");
        }
        text.AppendLine();
        return text.ToString();
    }

    public string QualityTable()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Training rows {trainingRows}, held-out rows {heldOutRows}, EmoT tweets {emotRows}; model {model.Version}, temperature {model.Temperature:0.###}, {ModelCard.DescribeThresholds(options)}, trained in {trainSeconds:0.00} s.");
        text.AppendLine();
        text.AppendLine("| system | held-out macro-F1 | accuracy | flag precision | flag recall | flag F1 | civic/other flagged | EmoT flagged | EmoT false flags (partisan tweets excluded) | EmoT partisan tweets flagged |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, result) in quality)
        {
            var h = result.HeldOut;
            text.AppendLine(c, $"| {name} | {h.MacroF1:0.000} | {h.Accuracy:0.000} | {h.Flag.Precision:0.000} | {h.Flag.Recall:0.000} | {h.Flag.F1:0.000} | {h.FalseFlags}/{h.NonFlagCount} | {result.EmotFlagged}/{result.EmotTotal} ({result.EmotRate:P2}) | {result.EmotFalseFlags}/{result.EmotTotal - result.EmotPartisan.Count} ({result.EmotFalseFlagRate:P2}) | {result.EmotPartisanFlagged}/{result.EmotPartisan.Count} |");
        }
        text.AppendLine();
        var ours = quality[0].Result.HeldOut;
        text.AppendLine("Per label (SocialWatch classifier, held-out):").AppendLine();
        text.AppendLine("| label | support | precision | recall | F1 |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var m in ours.Labels)
        {
            text.AppendLine(c, $"| {m.Name} | {m.Support} | {m.Precision:0.000} | {m.Recall:0.000} | {m.F1:0.000} |");
        }
        text.AppendLine();
        return text.ToString();
    }

    public string Render()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("## Quality").AppendLine();
        text.Append(QualityTable());
        text.AppendLine("The keyword list cannot tell labels apart (flagged = endorse, else other), so its macro-F1 is only indicative.").AppendLine();
        text.Append(EverydaySweepTable());
        if (Trainers.Count > 0)
        {
            text.AppendLine("### ML.NET trainers, same featuriser, split, thresholds and anchor rule").AppendLine();
            text.AppendLine("| trainer | training (s) | held-out macro-F1 | flag precision | flag recall | civic/other flagged | EmoT false flags | verdict posts/s |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var t in Trainers)
            {
                var h = t.Quality.HeldOut;
                text.AppendLine(c, $"| {t.Name} | {t.TrainSeconds:0.0} | {h.MacroF1:0.000} | {h.Flag.Precision:0.000} | {h.Flag.Recall:0.000} | {h.FalseFlags}/{h.NonFlagCount} | {t.Quality.EmotFalseFlags}/{t.Quality.EmotTotal - t.Quality.EmotPartisan.Count} ({t.Quality.EmotFalseFlagRate:P2}) | {t.PredictPerSecond:N0} |");
            }
            text.AppendLine();
        }
        text.Append(SpeedSection());
        text.AppendLine("## Memory over 1,000,000 posts (`Classify`, single thread)").AppendLine();
        text.AppendLine("| posts | managed heap after full GC (MB) | working set (MB) |").AppendLine("|---:|---:|---:|");
        foreach (var sample in Memory)
        {
            text.AppendLine(c, $"| {sample.Posts:N0} | {sample.ManagedBytes / 1048576.0:0.0} | {sample.WorkingSetBytes / 1048576.0:0.0} |");
        }
        text.AppendLine();
        return text.ToString();
    }

    /// <summary>
    /// The "## Speed" section: in-process rates, the whole-process comparison with fastText, start-up and load.
    /// Without a training time (a saved model measured by the "side-by-side" mode) its row is left out.
    /// </summary>
    public string SpeedSection()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("## Speed").AppendLine();
        text.AppendLine(c, $"Typical posts: the training and held-out texts cycled (mean {TypicalPostChars:0} characters). Single thread, Release build, after a warm-up; medians of three runs. Posts/s are wall-clock rates; posts per CPU-second divide by the thread's (in-process) or the processes' (whole process) CPU time, which other processes on the shared cores do not inflate, so the CPU ratios are the ones a quiet machine would show.").AppendLine();
        text.AppendLine("| measure | SocialWatch | fastText | ratio |").AppendLine("|---|---:|---:|---:|");
        var fastTextRate = WholeProcess?.FastTextInProcessRate ?? double.NaN;
        text.AppendLine(c, $"| in-process posts/s, verdict only (`Predict`; fastText: derived below) | {PredictPerSecond:N0} | {fastTextRate:N0} | {PredictPerSecond / fastTextRate:0.00}× |");
        text.AppendLine(c, $"| in-process posts/s, verdict + explanation (`Classify`) | {ClassifyPerSecond:N0} | {fastTextRate:N0} | {ClassifyPerSecond / fastTextRate:0.00}× |");
        var fastTextCpuRate = WholeProcess?.FastTextInProcessCpuRate ?? double.NaN;
        text.AppendLine(c, $"| in-process posts per CPU-second, verdict only (fastText: derived below) | {PredictPerCpuSecond:N0} | {fastTextCpuRate:N0} | {PredictPerCpuSecond / fastTextCpuRate:0.00}× |");
        text.AppendLine(c, $"| in-process posts per CPU-second, verdict + explanation | {ClassifyPerCpuSecond:N0} | {fastTextCpuRate:N0} | {ClassifyPerCpuSecond / fastTextCpuRate:0.00}× |");
        if (WholeProcess is { } w)
        {
            text.AppendLine(c, $"| whole process, {w.Posts:N0} posts (s) | {w.OursSeconds:0.00} | {w.FastTextSeconds:0.00} | {w.FastTextSeconds / w.OursSeconds:0.00}× |");
            text.AppendLine(c, $"| whole process, {w.Posts:N0} posts, CPU seconds (user + system; ours on all cores) | {w.Ours.Cpu:0.00} | {w.FastText.Cpu:0.00} | {w.FastText.Cpu / w.Ours.Cpu:0.00}× |");
            text.AppendLine(c, $"| start-up, one post (s wall / CPU s) | {w.OursStartupSeconds:0.00} / {w.OursStartup.Cpu:0.00} | {w.FastTextStartupSeconds:0.00} / {w.FastTextStartup.Cpu:0.00} | |");
            text.AppendLine(c, $"| posts/s inside the whole process ((N−1)/(whole − start-up); ours with JSON in/out on all cores) | {w.OursInProcessRate:N0} | {w.FastTextInProcessRate:N0} | {w.OursInProcessRate / w.FastTextInProcessRate:0.00}× |");
            text.AppendLine(c, $"| posts per CPU-second inside the whole process ((N−1)/(CPU − start-up CPU)) | {w.OursInProcessCpuRate:N0} | {w.FastTextInProcessCpuRate:N0} | {w.OursInProcessCpuRate / w.FastTextInProcessCpuRate:0.00}× |");
        }
        if (!double.IsNaN(trainSeconds))
        {
            text.AppendLine(c, $"| training time (s) | {trainSeconds:0.00} | {FastTextTrainSeconds:0.00} | |");
        }
        text.AppendLine(c, $"| model load (s) | {LoadSeconds:0.000} | | |");
        text.AppendLine(c, $"| model file (bytes) | {ModelBytes:N0} | | |");
        text.AppendLine();
        text.AppendLine("`socialwatch classify` (the CLI as `dotnet publish src/Cli` builds it: ReadyToRun) includes JSON parsing, explanations (spans, lexicon entities) and JSON output; `fasttext predict` prints one label per line. Ratios > 1 favour SocialWatch.").AppendLine();
        return text.ToString();
    }
}
