using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Configuration;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Classifier.Model;
using SocialWatch.Classifier.Training;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Bench;

internal sealed class BenchArguments(Dictionary<string, string> values)
{
    public static BenchArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                values[args[i][2..]] = args[i + 1];
            }
        }
        return new BenchArguments(values);
    }

    public string Get(string key, string fallback) => values.TryGetValue(key, out var value) ? value : fallback;
}

/// <summary>The Classifier section of the repository's appsettings.json: the thresholds and anchor settings the service ships with.</summary>
internal static class ShippedClassifierOptions
{
    /// <summary>Bound and checked as the service binds and checks it (<see cref="ClassifierOptionsValidator"/>).</summary>
    public static ClassifierOptions Read(string root)
    {
        var path = Path.GetFullPath(Path.Combine(root, "appsettings.json"));
        var options = new ClassifierOptions();
        new ConfigurationBuilder().AddJsonFile(path).Build().GetSection(ClassifierOptions.SectionName).Bind(options);
        var validation = new ClassifierOptionsValidator().Validate(null, options);
        return validation.Failed ? throw new InvalidDataException($"{path}: {validation.FailureMessage}") : options;
    }

    /// <summary>
    /// A classifier with every shipped setting but the ones a sweep or an ablation varies, so a setting added to the
    /// options cannot be left at its default in one of the bench's variants.
    /// </summary>
    public static PostClassifier Classifier(ClassifierOptions options, ClassifierModel model, IReadOnlyList<double>? thresholds = null,
        double? everydayAnchorThreshold = null, bool requirePoliticalAnchor = true) =>
        new(model, thresholds ?? options.ThresholdsByLabel(), everydayAnchorThreshold ?? options.EverydayAnchorThreshold, requirePoliticalAnchor,
            options.NamedPersonAnchorThreshold, options.VoteCallThreshold, options.VoteDayAnchorThreshold, options.LoneNumberAnchorThreshold);
}

/// <summary>
/// EmoT tweets (label,tweet CSV with quoted fields), read from shared data at bench time, never copied. Ids are
/// "file:row" with rows counted from 0 after the header, as in bench/emot-partisan.txt.
/// </summary>
internal static class EmotReader
{
    public static List<(string Id, string Text)> Read(string directory)
    {
        var tweets = new List<(string, string)>();
        foreach (var name in new[] { "emot_train.csv", "emot_valid.csv", "emot_test.csv" })
        {
            var rows = ParseCsv(File.ReadAllText(Path.Combine(directory, name), Encoding.UTF8));
            tweets.AddRange(rows.Skip(1).Where(r => r.Count >= 2).Select((r, i) => (string.Create(CultureInfo.InvariantCulture, $"{name}:{i}"), r[1])));
        }
        return tweets;
    }

    /// <summary>Positions in <paramref name="tweets"/> of the ids listed in the file ('#' starts a comment).</summary>
    public static HashSet<int> Positions(IReadOnlyList<(string Id, string Text)> tweets, string idFile)
    {
        var ids = File.ReadLines(idFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
        var positions = Enumerable.Range(0, tweets.Count).Where(i => ids.Contains(tweets[i].Id)).ToHashSet();
        return positions.Count == ids.Count ? positions : throw new InvalidDataException($"{idFile}: {ids.Count - positions.Count} ids are not EmoT rows");
    }

    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }
}

/// <param name="EmotFlags">Per EmoT tweet, whether it was flagged.</param>
/// <param name="EmotPartisan">Positions of the tweets our hand adjudication found partisan by the labelling guide.</param>
internal sealed record QualityResult(EvaluationReport HeldOut, IReadOnlyList<bool> EmotFlags, IReadOnlySet<int> EmotPartisan)
{
    public int EmotTotal => EmotFlags.Count;
    public int EmotFlagged => EmotFlags.Count(f => f);
    public double EmotRate => EmotTotal == 0 ? 0 : (double)EmotFlagged / EmotTotal;
    /// <summary>Flagged tweets outside the partisan set, over the tweets outside it.</summary>
    public int EmotFalseFlags => Enumerable.Range(0, EmotTotal).Count(i => EmotFlags[i] && !EmotPartisan.Contains(i));
    public double EmotFalseFlagRate => EmotTotal == EmotPartisan.Count ? 0 : (double)EmotFalseFlags / (EmotTotal - EmotPartisan.Count);
    public int EmotPartisanFlagged => EmotPartisan.Count(i => EmotFlags[i]);
}

/// <summary>
/// What agencies do today: flag a post when it contains any word of a watch list (candidate names, parties,
/// election verbs, ballot numbers, finger emoji). It cannot tell the five labels apart, so flagged posts count as
/// "endorse" and the others as "other" in its confusion matrix.
/// </summary>
internal sealed class KeywordBaseline
{
    private readonly HashSet<string> words;
    private readonly string[] phrases;

    public KeywordBaseline(IReadOnlyList<LexiconFile> lexicon)
    {
        var terms = lexicon.SelectMany(f => f.Contests).SelectMany(c => c.Pairs).SelectMany(p => p.Aliases.Concat(p.Hashtags))
            .Concat(lexicon.SelectMany(f => f.Parties).SelectMany(p => p.Aliases.Append(p.Name)))
            .Concat(["coblos", "nyoblos", "pilih", "dukung", "paslon", "capres", "cawapres", "caleg", "cagub", "cabup", "kampanye",
                "menangkan", "relawan", "nomor urut", "pemilu", "pilkada", "pilpres", "ganti presiden", "☝", "✌", "🤟"])
            .Select(t => t.ToLowerInvariant())
            .ToList();
        words = terms.Where(t => !t.Contains(' ', StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        phrases = terms.Where(t => t.Contains(' ', StringComparison.Ordinal) || t.Length == 1).ToArray();
    }

    public bool Flags(string text)
    {
        var lower = text.ToLowerInvariant();
        foreach (var token in lower.Split([' ', '\n', '\t', ',', '.', '!', '?', '#', '@', ':', ';', '"', '(', ')', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (words.Contains(token))
            {
                return true;
            }
        }
        return phrases.Any(p => lower.Contains(p, StringComparison.Ordinal));
    }
}

internal static class Quality
{
    public static QualityResult Evaluate(PostClassifier classifier, IReadOnlyList<LabelledPost> heldOut, IReadOnlyList<string> emot, IReadOnlySet<int> emotPartisan)
    {
        var probabilities = new double[ClassifierModel.LabelCount];
        var report = EvaluationReport.Compute(heldOut.Select(p =>
        {
            var (label, flagged) = classifier.Predict(p.Text, probabilities);
            return (p.Label, label, flagged);
        }).ToList());
        return new QualityResult(report, emot.Select(t => classifier.Predict(t, probabilities).IsFlag).ToList(), emotPartisan);
    }

    public static QualityResult EvaluateKeywords(KeywordBaseline baseline, IReadOnlyList<LabelledPost> heldOut, IReadOnlyList<string> emot, IReadOnlySet<int> emotPartisan)
    {
        var report = EvaluationReport.Compute(heldOut.Select(p =>
        {
            var flagged = baseline.Flags(p.Text);
            return (p.Label, flagged ? Label.Endorse : Label.Other, flagged);
        }).ToList());
        return new QualityResult(report, emot.Select(baseline.Flags).ToList(), emotPartisan);
    }

    /// <summary>For tuning: the held-out flags missed or raised wrongly, and flagged EmoT tweets.</summary>
    public static string Misses(PostClassifier classifier, IReadOnlyList<LabelledPost> heldOut, IReadOnlyList<string> emot, int show)
    {
        if (show == 0)
        {
            return "";
        }
        var text = new StringBuilder();
        foreach (var post in heldOut)
        {
            var result = classifier.Classify(post.Text);
            if (result.IsFlag != post.Label.IsFlag() || (result.IsFlag && result.Label != post.Label))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"HELD {post.Label.ToCode()} -> {result.Label.ToCode()} {result.Scores[result.Label]:0.00} | {post.Text.ReplaceLineEndings(" ")}");
            }
        }
        foreach (var tweet in emot.Where(t => classifier.Classify(t).IsFlag).Take(show))
        {
            var result = classifier.Classify(tweet);
            text.AppendLine(CultureInfo.InvariantCulture, $"EMOT {result.Label.ToCode()} {result.Scores[result.Label]:0.00} [{string.Join(", ", result.Signals.Take(5).Select(s => s.Feature))}] | {tweet.ReplaceLineEndings(" ")}");
        }
        return text.ToString();
    }
}

internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("swbench").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

internal sealed record MemorySample(int Posts, long ManagedBytes, long WorkingSetBytes);

internal static class Measure
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public Timespec User; // struct timeval: seconds and microseconds, both longs on 64-bit Linux
        public Timespec System;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out Timespec value);

    [DllImport("libc", EntryPoint = "getrusage")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetRusage(int who, out Rusage usage);

    /// <summary>CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID): unlike wall time, not inflated when other processes share the cores.</summary>
    public static double ThreadCpuSeconds()
    {
        return ClockGetTime(3, out var value) != 0 ? throw new InvalidOperationException("clock_gettime failed") : value.Seconds + (value.Nanoseconds / 1e9);
    }

    /// <summary>User + system CPU time of every child process waited for so far (Linux RUSAGE_CHILDREN).</summary>
    public static double ChildrenCpuSeconds()
    {
        return GetRusage(-1, out var usage) != 0 ? throw new InvalidOperationException("getrusage failed") : usage.User.Seconds + (usage.User.Nanoseconds / 1e6) + usage.System.Seconds + (usage.System.Nanoseconds / 1e6);
    }

    /// <summary>Median wall and median child-CPU seconds of <paramref name="runs"/> runs of a child process.</summary>
    public static (double Wall, double Cpu) MedianWithChildrenCpu(int runs, Action action)
    {
        var (walls, cpus) = (new List<double>(), new List<double>());
        for (var i = 0; i < runs; i++)
        {
            var cpu = ChildrenCpuSeconds();
            var clock = Stopwatch.StartNew();
            action();
            walls.Add(clock.Elapsed.TotalSeconds);
            cpus.Add(ChildrenCpuSeconds() - cpu);
        }
        return (MedianOf(walls), MedianOf(cpus));
    }

    /// <summary>
    /// Median of three single-threaded runs after a warm-up: posts per wall-clock second and posts per second of
    /// this thread's CPU time (what a quiet machine would give; on the shared machine wall time also counts the
    /// time other processes held the core).
    /// </summary>
    public static (double Wall, double Cpu) Rates(string[] texts, int count, Action<string> classify)
    {
        for (var i = 0; i < 20_000; i++)
        {
            classify(texts[i % texts.Length]);
        }
        var (walls, cpus) = (new List<double>(), new List<double>());
        for (var run = 0; run < 3; run++)
        {
            var cpu = ThreadCpuSeconds();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                classify(texts[i % texts.Length]);
            }
            walls.Add(count / clock.Elapsed.TotalSeconds);
            cpus.Add(count / (ThreadCpuSeconds() - cpu));
        }
        return (MedianOf(walls), MedianOf(cpus));
    }

    public static double Median(int runs, Action action)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalSeconds);
        }
        return MedianOf(times);
    }

    public static double MedianOf(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    /// <summary>Median of three single-threaded runs over <paramref name="count"/> posts, after a warm-up.</summary>
    public static double PostsPerSecond(string[] texts, int count, Action<string> classify)
    {
        for (var i = 0; i < 20_000; i++)
        {
            classify(texts[i % texts.Length]);
        }
        var rates = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                classify(texts[i % texts.Length]);
            }
            rates.Add(count / clock.Elapsed.TotalSeconds);
        }
        return MedianOf(rates);
    }

    public static List<MemorySample> MemoryOver(string[] texts, int count, Action<string> classify)
    {
        var samples = new List<MemorySample>();
        var step = count / 5;
        for (var i = 0; i <= count; i++)
        {
            if (i % step == 0)
            {
                var managed = GC.GetTotalMemory(forceFullCollection: true);
                samples.Add(new MemorySample(i, managed, Environment.WorkingSet));
            }
            if (i < count)
            {
                classify(texts[i % texts.Length]);
            }
        }
        return samples;
    }
}
