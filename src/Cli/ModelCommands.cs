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

/// <summary>`socialwatch model train|evaluate` (and the learning commands of <see cref="LearningCommands"/>): build the classifier model from the corpus and measure it.</summary>
public static class ModelCommands
{
    public static Command Create(CliContext context)
    {
        var model = new Command("model", "Train and evaluate the post classifier.");
        model.Subcommands.Add(Train(context));
        model.Subcommands.Add(Evaluate(context));
        model.Subcommands.Add(LearningCommands.ExportDecisions(context));
        model.Subcommands.Add(LearningCommands.Retrain(context));
        model.Subcommands.Add(LearningCommands.Activate(context));
        model.Subcommands.Add(LearningCommands.History(context));
        return model;
    }

    private static Command Train(CliContext context)
    {
        var data = new Option<string[]>("--data") { Description = "Labelled *.jsonl training file or folder of them (rows {\"text\", \"label\"}); repeat for more.", Required = true, AllowMultipleArgumentsPerToken = false };
        var heldOut = new Option<string[]>("--heldout") { Description = "Held-out *.jsonl file or folder for the model card; repeat for more." };
        var output = new Option<string>("--out") { Description = "Model zip to write, e.g. models/classifier.zip; the model card is written beside it as MODEL_CARD.md.", Required = true };
        var slang = new Option<string>("--slang") { Description = "Directory of slang *.tsv files.", DefaultValueFactory = _ => "data/lexicon" };
        var card = new Option<string?>("--card") { Description = "Write the model card here instead of beside the model." };
        var seed = new Option<int?>("--seed") { Description = "Training seed (same data and seed give identical model bytes)." };
        var command = new Command("train", "Train the ML.NET classifier deterministically, write the model zip and its model card.") { data, heldOut, output, slang, card, seed };
        command.SetAction((parseResult, ct) =>
        {
            var options = context.Get<IOptions<ClassifierOptions>>().Value;
            var files = parseResult.GetValue(data)!.SelectMany(LabelledPostReader.ResolveFiles).ToList();
            var posts = LabelledPostReader.Read(files);
            var heldOutFiles = (parseResult.GetValue(heldOut) ?? []).SelectMany(LabelledPostReader.ResolveFiles).ToList();
            var heldOutPosts = LabelledPostReader.Read(heldOutFiles);
            var lexiconDirectory = ClassifierOptions.Resolve(options.LexiconDirectory);
            var lexicon = Guard(() => LexiconDirectory.Load(lexiconDirectory));
            var slangTable = Guard(() => SlangTable.LoadDirectory(parseResult.GetValue(slang)!));
            var settings = new TrainingSettings();
            if (parseResult.GetValue(seed) is { } chosenSeed)
            {
                settings = settings with { Seed = chosenSeed };
            }
            var path = Path.GetFullPath(parseResult.GetValue(output)!);
            var bytes = ModelPackage.Serialize(ModelTrainer.Train(posts, LabelledPostReader.Fingerprint(files), slangTable, lexicon, settings));
            // Load what will be written, as a host would: the card describes the file, not the trainer's memory.
            var trained = ClassifierModel.Load(bytes, path, lexicon);
            ModelPackage.Write(bytes, path);
            var counts = trained.Manifest.Data.LabelCounts;
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trained {trained.Version} on {posts.Count} posts ({string.Join(", ", trained.Manifest.Labels.Select(l => $"{l} {counts[l]}"))}); temperature {trained.Temperature:0.###}; wrote {path} ({bytes.Length} bytes)"));

            using var classifier = PostClassifier.FromOptions(trained, options);
            var report = heldOutPosts.Count > 0 ? Evaluate(classifier, heldOutPosts) : null;
            var heldOutSource = string.Join(", ", (parseResult.GetValue(heldOut) ?? []).Select(p => p.TrimEnd('/')));
            var cardPath = Path.GetFullPath(parseResult.GetValue(card) ?? Path.Combine(Path.GetDirectoryName(path)!, "MODEL_CARD.md"));
            var now = context.Get<TimeProvider>().GetUtcNow();
            File.WriteAllText(cardPath, ModelCard.Render(trained, options, report, heldOutSource, files.Select(Path.GetFileName)!, now));
            context.Out.WriteLine($"wrote {cardPath}");
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Evaluate(CliContext context)
    {
        var data = new Option<string[]>("--data") { Description = "Labelled *.jsonl file (rows need text and label) or a folder of them; repeat for more.", Required = true };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON." };
        var modelPath = new Option<string?>("--model") { Description = "Model zip (default: Classifier:ModelPath)." };
        var command = new Command("evaluate", "Per-label precision/recall/F1, confusion matrix, and flag-vs-no-flag metrics.") { data, json, modelPath };
        command.SetAction((parseResult, ct) =>
        {
            var options = context.Get<IOptions<ClassifierOptions>>().Value;
            using var classifier = parseResult.GetValue(modelPath) is { } path
                ? Guard(() => PostClassifier.Load(options.WithModel(path)))
                : null;
            var used = classifier ?? Guard(() => context.Get<PostClassifier>());
            var posts = LabelledPostReader.Read(parseResult.GetValue(data)!.SelectMany(LabelledPostReader.ResolveFiles).ToList());
            var report = Evaluate(used, posts);
            context.Out.Write(parseResult.GetValue(json) ? ToJson(report, used.ModelVersion) : ToTable(report, used.ModelVersion));
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

    /// <summary>
    /// Model and lexicon problems stop the command like a host's start-up: one line naming the file, exit code 2
    /// (<see cref="ClassifierStartupException"/>), no stack trace.
    /// </summary>
    internal static T Guard<T>(Func<T> load)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is ModelFileException or InvalidDataException or ContestFileException or DirectoryNotFoundException or FileNotFoundException)
        {
            throw new ClassifierStartupException(ex.Message, ex);
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
