using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SocialWatch.Classifier;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Classifier.Model;
using SocialWatch.Classifier.Text;
using SocialWatch.Classifier.Training;
using SocialWatch.Core.Domain;

namespace SocialWatch.Cli;

/// <summary>`socialwatch model train|evaluate`: build the classifier model from the corpus and measure it.</summary>
public static class ModelCommands
{
    public static Command Create(CliContext context)
    {
        var model = new Command("model", "Train and evaluate the post classifier.");
        model.Subcommands.Add(Train(context));
        model.Subcommands.Add(Evaluate(context));
        return model;
    }

    private static Command Train(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "Directory of labelled *.jsonl training files (or one file).", DefaultValueFactory = _ => "data/training" };
        var output = new Option<string?>("--out") { Description = "Model file to write (default: Classifier:ModelPath)." };
        var slang = new Option<string>("--slang") { Description = "Directory of slang *.tsv files.", DefaultValueFactory = _ => "data/lexicon" };
        var card = new Option<string?>("--card") { Description = "Also write a model card here (e.g. models/MODEL_CARD.md), with held-out metrics." };
        var heldOut = new Option<string>("--heldout") { Description = "Held-out *.jsonl directory or file for the model card.", DefaultValueFactory = _ => "data/heldout" };
        var seed = new Option<ulong?>("--seed") { Description = "Training seed (same data and seed give identical model bytes)." };
        var command = new Command("train", "Train the classifier deterministically and write the model file.") { data, output, slang, card, heldOut, seed };
        command.SetAction((parseResult, ct) =>
        {
            var options = context.Get<IOptions<ClassifierOptions>>().Value;
            var files = LabelledPostReader.ResolveFiles(parseResult.GetValue(data)!);
            var posts = LabelledPostReader.Read(files);
            var lexiconDirectory = ClassifierOptions.Resolve(options.LexiconDirectory);
            var lexicon = Guard(() => LexiconFile.LoadDirectory(lexiconDirectory));
            var slangTable = Guard(() => SlangTable.LoadDirectory(parseResult.GetValue(slang)!));
            var settings = new TrainingSettings();
            if (parseResult.GetValue(seed) is { } chosenSeed)
            {
                settings = settings with { Seed = chosenSeed };
            }
            var trained = ModelTrainer.Train(posts, LabelledPostReader.Fingerprint(files), slangTable, lexicon, settings);
            var path = Path.GetFullPath(parseResult.GetValue(output) ?? options.ModelPath);
            ModelFile.Write(trained, path);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trained {trained.Version} on {posts.Count} posts ({string.Join(", ", LabelNames.All.Select(l => $"{l.ToCode()} {trained.Data.LabelCounts[l]}"))}); temperature {trained.Temperature:0.###}; wrote {path} ({new FileInfo(path).Length} bytes)"));

            if (parseResult.GetValue(card) is { } cardPath)
            {
                var thresholds = options.ThresholdsByLabel();
                var classifier = new PostClassifier(trained, lexicon, thresholds, options.EverydayAnchorThreshold);
                var heldOutPath = parseResult.GetValue(heldOut)!;
                EvaluationReport? report = null;
                if (File.Exists(heldOutPath) || Directory.Exists(heldOutPath))
                {
                    report = Evaluate(classifier, LabelledPostReader.Read(LabelledPostReader.ResolveFiles(heldOutPath)));
                }
                var now = context.Get<TimeProvider>().GetUtcNow();
                var text = ModelCard.Render(trained, thresholds, options.EverydayAnchorThreshold, report, heldOutPath, files.Select(Path.GetFileName)!, Directory.GetFiles(lexiconDirectory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!, now);
                File.WriteAllText(cardPath, text);
                context.Out.WriteLine($"wrote {Path.GetFullPath(cardPath)}");
            }
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Evaluate(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "Labelled *.jsonl file (rows need text and label) or a directory of them.", Required = true };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON." };
        var modelPath = new Option<string?>("--model") { Description = "Model file (default: Classifier:ModelPath)." };
        var command = new Command("evaluate", "Per-label precision/recall/F1, confusion matrix, and flag-vs-no-flag metrics.") { data, json, modelPath };
        command.SetAction((parseResult, ct) =>
        {
            var options = context.Get<IOptions<ClassifierOptions>>().Value;
            var classifier = parseResult.GetValue(modelPath) is { } path
                ? Guard(() => PostClassifier.Load(new ClassifierOptions { ModelPath = path, LexiconDirectory = options.LexiconDirectory, Thresholds = options.Thresholds }))
                : Guard(() => context.Get<PostClassifier>());
            var posts = LabelledPostReader.Read(LabelledPostReader.ResolveFiles(parseResult.GetValue(data)!));
            var report = Evaluate(classifier, posts);
            context.Out.Write(parseResult.GetValue(json) ? ToJson(report, classifier.ModelVersion) : ToTable(report, classifier.ModelVersion));
            return Task.FromResult(0);
        });
        return command;
    }

    internal static EvaluationReport Evaluate(PostClassifier classifier, IEnumerable<LabelledPost> posts)
    {
        var probabilities = new double[ClassifierModel.LabelCount];
        return EvaluationReport.Compute(posts.Select(post =>
        {
            var (label, flagged) = classifier.Predict(post.Text, probabilities);
            return (post.Label, label, flagged);
        }).ToList());
    }

    /// <summary>Model and lexicon problems are the user's to fix (wrong path, corrupt file): one line, no stack trace.</summary>
    internal static T Guard<T>(Func<T> load)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is ModelFileException or InvalidDataException or ContestFileException or DirectoryNotFoundException or FileNotFoundException)
        {
            throw new CliUserException(ex.Message, ex);
        }
    }

    private static string ToTable(EvaluationReport report, string version)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new System.Text.StringBuilder();
        text.AppendLine(c, $"model {version}, {report.Total} posts");
        text.AppendLine(c, $"{"label",-10} {"support",8} {"precision",10} {"recall",8} {"f1",8}");
        foreach (var metrics in report.Labels.Append(report.Flag))
        {
            text.AppendLine(c, $"{metrics.Name,-10} {metrics.Support,8} {metrics.Precision,10:0.000} {metrics.Recall,8:0.000} {metrics.F1,8:0.000}");
        }
        text.AppendLine(c, $"accuracy {report.Accuracy:0.000}  macro-F1 {report.MacroF1:0.000}  false flags {report.FalseFlags}/{report.NonFlagCount}");
        text.AppendLine("confusion (rows expected, columns predicted):");
        text.AppendLine(c, $"{"",-10} {string.Join(" ", LabelNames.All.Select(l => $"{l.ToCode(),9}"))}");
        for (var i = 0; i < LabelNames.All.Count; i++)
        {
            text.AppendLine(c, $"{LabelNames.All[i].ToCode(),-10} {string.Join(" ", Enumerable.Range(0, LabelNames.All.Count).Select(j => $"{report.Confusion[i, j],9}"))}");
        }
        return text.ToString();
    }

    private static string ToJson(EvaluationReport report, string version)
    {
        static object Metrics(LabelMetrics m) => new { support = m.Support, precision = m.Precision, recall = m.Recall, f1 = m.F1 };
        var document = new
        {
            model = version,
            rows = report.Total,
            accuracy = report.Accuracy,
            macroF1 = report.MacroF1,
            labels = report.Labels.ToDictionary(m => m.Name, Metrics),
            flag = Metrics(report.Flag),
            falseFlags = report.FalseFlags,
            nonFlagRows = report.NonFlagCount,
            confusion = new
            {
                labels = LabelNames.All.Select(l => l.ToCode()).ToArray(),
                matrix = Enumerable.Range(0, LabelNames.All.Count).Select(i => Enumerable.Range(0, LabelNames.All.Count).Select(j => report.Confusion[i, j]).ToArray()).ToArray(),
            },
        };
        return JsonSerializer.Serialize(document) + Environment.NewLine;
    }
}
