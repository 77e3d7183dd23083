using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SocialWatch.Classifier.Training;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Bench;

/// <summary>
/// Debian's fastText CLI, trained on the same training split with its usual text-classification settings
/// (-wordNgrams 2) and evaluated on the same held-out split. Input gets fastText's customary preprocessing:
/// lower case, punctuation split off, one post per line.
/// </summary>
internal sealed class FastTextRunner(string workDirectory, int epochs)
{
    private string ModelPath => Path.Combine(workDirectory, "fasttext.bin");

    public static string Preprocess(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsWhiteSpace(c))
            {
                builder.Append(' ');
            }
            else if (char.IsPunctuation(c) && c is not '#' and not '@')
            {
                builder.Append(' ').Append(c).Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    public double Train(IReadOnlyList<LabelledPost> training)
    {
        var input = Path.Combine(workDirectory, "fasttext-train.txt");
        File.WriteAllLines(input, training.Select(p => $"__label__{p.Label.ToCode()} {Preprocess(p.Text)}"));
        var clock = Stopwatch.StartNew();
        Run("fasttext", ["supervised", "-input", input, "-output", Path.Combine(workDirectory, "fasttext"), "-wordNgrams", "2",
            "-epoch", epochs.ToString(CultureInfo.InvariantCulture), "-lr", "0.5", "-dim", "50", "-thread", "1", "-seed", "1", "-verbose", "0"]);
        return clock.Elapsed.TotalSeconds;
    }

    public QualityResult Evaluate(IReadOnlyList<LabelledPost> heldOut, IReadOnlyList<string> emot, IReadOnlySet<int> emotPartisan)
    {
        var predicted = Predict(heldOut.Select(p => p.Text).ToList());
        var report = EvaluationReport.Compute(heldOut.Select((p, i) => (p.Label, predicted[i], predicted[i].IsFlag())).ToList());
        var emotPredicted = Predict(emot);
        return new QualityResult(report, emotPredicted.Select(l => l.IsFlag()).ToList(), emotPartisan);
    }

    private List<Label> Predict(IReadOnlyList<string> texts)
    {
        var input = Path.Combine(workDirectory, "fasttext-predict.txt");
        File.WriteAllLines(input, texts.Select(Preprocess));
        var output = Run("fasttext", ["predict", ModelPath, input]);
        var labels = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => LabelNames.Parse(l.Trim().Replace("__label__", "", StringComparison.Ordinal))).ToList();
        return labels.Count == texts.Count ? labels : throw new InvalidOperationException($"fastText returned {labels.Count} predictions for {texts.Count} posts");
    }

    public string PredictCommand(string inputPath) => $"fasttext predict '{ModelPath}' '{inputPath}' > /dev/null";

    public static string Run(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{fileName} failed ({process.ExitCode}): {error.Result}");
    }
}

internal sealed record WholeProcessResult(int Posts, (double Wall, double Cpu) Ours, (double Wall, double Cpu) OursStartup, (double Wall, double Cpu) FastText, (double Wall, double Cpu) FastTextStartup)
{
    public double OursSeconds => Ours.Wall;
    public double OursStartupSeconds => OursStartup.Wall;
    public double FastTextSeconds => FastText.Wall;
    public double FastTextStartupSeconds => FastTextStartup.Wall;
    public double OursInProcessRate => (Posts - 1) / Math.Max(OursSeconds - OursStartupSeconds, 1e-9);
    public double FastTextInProcessRate => (Posts - 1) / Math.Max(FastTextSeconds - FastTextStartupSeconds, 1e-9);

    /// <summary>Posts per CPU-second inside the process (user + system time, start-up subtracted): what the load of other processes does not inflate.</summary>
    public double OursInProcessCpuRate => (Posts - 1) / Math.Max(Ours.Cpu - OursStartup.Cpu, 1e-9);
    public double FastTextInProcessCpuRate => (Posts - 1) / Math.Max(FastText.Cpu - FastTextStartup.Cpu, 1e-9);
}

/// <summary>
/// Whole-process time for the same posts: `socialwatch classify` on JSONL (with explanations, JSON out) versus
/// `fasttext predict` on the same posts preprocessed for it, each the median of three runs, output to /dev/null,
/// in wall time and in CPU time (user + system of the child processes). A one-post run of each gives its start-up cost.
/// </summary>
internal static class WholeProcess
{
    public static WholeProcessResult Compare(string work, string[] texts, int count, string cli, string modelPath, string lexiconDirectory, FastTextRunner fastText)
    {
        var bigJson = Path.Combine(work, "big.jsonl");
        var bigText = Path.Combine(work, "big.txt");
        var oneJson = Path.Combine(work, "one.jsonl");
        var oneText = Path.Combine(work, "one.txt");
        File.WriteAllLines(bigJson, Enumerable.Range(0, count).Select(i => JsonSerializer.Serialize(new { id = i, text = texts[i % texts.Length] })));
        File.WriteAllLines(bigText, Enumerable.Range(0, count).Select(i => FastTextRunner.Preprocess(texts[i % texts.Length])));
        File.WriteAllLines(oneJson, [JsonSerializer.Serialize(new { id = 0, text = texts[0] })]);
        File.WriteAllLines(oneText, [FastTextRunner.Preprocess(texts[0])]);
        var environment = $"SOCIALWATCH__Classifier__ModelPath='{modelPath}' SOCIALWATCH__Classifier__LexiconDirectory='{lexiconDirectory}'";
        string Ours(string input) => $"{environment} '{cli}' classify --input '{input}' > /dev/null";
        return new WholeProcessResult(
            count,
            Measure.MedianWithChildrenCpu(3, () => FastTextRunner.Run("sh", ["-c", Ours(bigJson)])),
            Measure.MedianWithChildrenCpu(3, () => FastTextRunner.Run("sh", ["-c", Ours(oneJson)])),
            Measure.MedianWithChildrenCpu(3, () => FastTextRunner.Run("sh", ["-c", fastText.PredictCommand(bigText)])),
            Measure.MedianWithChildrenCpu(3, () => FastTextRunner.Run("sh", ["-c", fastText.PredictCommand(oneText)])));
    }
}
