using System.Diagnostics;
using System.Globalization;
using SocialWatch.Classifier;
using SocialWatch.Classifier.Bench;
using SocialWatch.Classifier.Model;
using SocialWatch.Classifier.Text;
using SocialWatch.Classifier.Training;

// Usage: Classifier.Bench [quality|tune|speed|all] --root REPO --emot DIR [--cli PATH]
//        [--trainer LbfgsMaximumEntropy --l2 0.1 --l1 0 --chars 0.5] [--show N]
// Thresholds and anchor settings are the Classifier section of REPO/appsettings.json, as the service ships them.
// The held-out split is data/heldout without the real-style slice, which bench/real-style.sh reports on its own.
// "quality" trains and reports held-out and EmoT figures only; "tune" sweeps settings on a validation fold of the
// TRAINING data (never the held-out split); "speed" is the stopwatch breakdown of one post's path; "all" adds the
// trainer comparison, speed, memory and fastText.
// "speed --model FILE.zip [--count N]" runs the breakdown on a saved model without training; "loop [--count N]
// [--verdict yes]" classifies with models/classifier.zip in a loop (for a profiler) and prints CPU µs per post.
// "contests" compares classify throughput with 4 and with 40 contest files (docs/benchmarks.md, issue 15).
// "side-by-side [--model FILE.zip]" measures only the speed section on a saved model (default models/classifier.zip)
// against fastText in one run (bench/classifier.sh --speed).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
var options = BenchArguments.Parse(args);
var root = options.Get("root", ".");
var emotDirectory = options.Get("emot", "/work/shared/data/indonlu-smsa-emot");
var shipped = ShippedClassifierOptions.Read(root);
var settings = new TrainingSettings
{
    Trainer = Enum.Parse<ClassifierTrainer>(options.Get("trainer", nameof(ClassifierTrainer.LbfgsMaximumEntropy))),
    L2 = float.Parse(options.Get("l2", new TrainingSettings().L2.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
    L1 = float.Parse(options.Get("l1", "0"), CultureInfo.InvariantCulture),
    CharGramWeight = double.Parse(options.Get("chars", "0.5"), CultureInfo.InvariantCulture),
};

var trainingFiles = LabelledPostReader.ResolveFiles(Path.Combine(root, "data", "training"));
var heldOutFiles = LabelledPostReader.ResolveFiles(Path.Combine(root, "data", "heldout"))
    .Where(f => Path.GetFileName(f) != "real-style.jsonl").ToList();
var training = LabelledPostReader.Read(trainingFiles);
var heldOut = LabelledPostReader.Read(heldOutFiles);
var emotTweets = EmotReader.Read(emotDirectory);
var emot = emotTweets.Select(t => t.Text).ToList();
var emotPartisan = EmotReader.Positions(emotTweets, Path.Combine(root, "bench", "emot-partisan.txt"));
// The shipped contest files of REPO, whatever the working directory.
var lexiconDirectory = shipped.LexiconDirectory = Path.Combine(root, "data", "contests");
var lexicon = LexiconDirectory.Load(lexiconDirectory);
var slang = SlangTable.LoadDirectory(Path.Combine(root, "data", "lexicon"));

if (mode == "tune")
{
    Console.Write(Tuning.Run(training, slang, lexicon, settings, shipped, options.Get("grid", "l2")));
    return 0;
}

if (mode == "speed" && options.Get("model", "") is { Length: > 0 } speedModel)
{
    // The stopwatch breakdown on a saved model (no training): for before/after comparisons of the hot path.
    var loaded = ClassifierModel.Load(speedModel, lexicon);
    using var loadedClassifier = PostClassifier.FromOptions(loaded, shipped);
    var texts = training.Select(p => p.Text).Concat(heldOut.Select(p => p.Text)).ToArray();
    Console.Write(Profile.Breakdown(loaded, loadedClassifier, texts, int.Parse(options.Get("count", "200000"), CultureInfo.InvariantCulture)));
    return 0;
}

if (mode == "loop")
{
    // For a sampling profiler (dotnet-trace): the shipped model, Classify in a loop for --seconds.
    using var shippedModel = PostClassifier.Load(shipped.WithModel(Path.Combine(root, "models", "classifier.zip")));
    var texts = training.Select(p => p.Text).Concat(heldOut.Select(p => p.Text)).ToArray();
    var count = long.Parse(options.Get("count", "300000"), CultureInfo.InvariantCulture);
    var verdictOnly = options.Get("verdict", "no") == "yes";
    var probabilities = new double[ClassifierModel.LabelCount];
    for (var i = 0; i < 20_000; i++)
    {
        shippedModel.Classify(texts[i % texts.Length]);
    }
    var cpu = Measure.ThreadCpuSeconds();
    var clock = Stopwatch.StartNew();
    var posts = 0L;
    for (; posts < count; posts++)
    {
        if (verdictOnly)
        {
            shippedModel.Predict(texts[posts % texts.Length], probabilities);
        }
        else
        {
            shippedModel.Classify(texts[posts % texts.Length]);
        }
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU {(Measure.ThreadCpuSeconds() - cpu) * 1e6 / posts:0.00} µs/post"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{posts / clock.Elapsed.TotalSeconds:N0} posts/s"));
    return 0;
}

if (mode == "side-by-side")
{
    // The speed section alone, on a saved model (no training): in-process rates, model load and the whole-process
    // run against fastText (trained here on the same split), side by side in one run.
    var savedPath = Path.GetFullPath(options.Get("model", Path.Combine(root, "models", "classifier.zip")));
    var saved = ClassifierModel.Load(savedPath, lexicon);
    using var savedClassifier = PostClassifier.FromOptions(saved, shipped);
    var speedReport = new BenchReport(training.Count, heldOut.Count, emot.Count, saved, double.NaN, shipped);
    var texts = InProcessSpeed(speedReport, savedClassifier, savedPath);
    using var speedWork = new TemporaryDirectory();
    var speedFastText = new FastTextRunner(speedWork.Path, int.Parse(options.Get("fasttext-epochs", "25"), CultureInfo.InvariantCulture));
    speedReport.FastTextTrainSeconds = speedFastText.Train(training);
    speedReport.WholeProcess = WholeProcess.Compare(speedWork.Path, texts, BigCount(), Cli(), savedPath, lexiconDirectory, speedFastText);
    Console.Write(speedReport.SpeedSection());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Model {saved.Version} ({Path.GetFileName(savedPath)}); fastText trained in {speedReport.FastTextTrainSeconds:0.00} s on the same {training.Count} training rows."));
    Console.WriteLine();
    return 0;
}

var trainClock = Stopwatch.StartNew();
var modelBytes = ModelPackage.Serialize(ModelTrainer.Train(training, LabelledPostReader.Fingerprint(trainingFiles), slang, lexicon, settings));
var trainSeconds = trainClock.Elapsed.TotalSeconds;
var model = ClassifierModel.Load(modelBytes, "classifier.zip", lexicon);
var classifier = PostClassifier.FromOptions(model, shipped);
var ours = Quality.Evaluate(classifier, heldOut, emot, emotPartisan);

var report = new BenchReport(training.Count, heldOut.Count, emot.Count, model, trainSeconds, shipped);
report.AddQuality("SocialWatch classifier", ours);
if (mode == "quality")
{
    Console.Write(report.QualityTable());
    Console.Write(Quality.Misses(classifier, heldOut, emot, int.Parse(options.Get("show", "0"), CultureInfo.InvariantCulture)));
    return 0;
}

if (mode == "speed")
{
    var texts = training.Select(p => p.Text).Concat(heldOut.Select(p => p.Text)).ToArray();
    Console.Write(Profile.Breakdown(model, classifier, texts, 200_000));
    return 0;
}

if (mode == "contests")
{
    // One model, two lexicons: the national files plus one region (4 contest files) against every shipped contest
    // file (40), with the slurs and context words in both. Runs alternate so drift on a shared machine hits both.
    var small = new HashSet<string>(["pilpres-2024.json", "pilpres-2019.json", "parties-2024.json", "pilkada-2024-jawa-barat.json"], StringComparer.Ordinal);
    var fewFiles = lexicon.Where(l => small.Contains(Path.GetFileName(l.Path)) || l.File.Contests.Count == 0).ToList();
    using var few = PostClassifier.FromOptions(ClassifierModel.Load(modelBytes, "classifier.zip", fewFiles), shipped);
    var all = classifier;
    var texts = training.Select(p => p.Text).Concat(heldOut.Select(p => p.Text)).ToArray();
    // Wall-clock rates on the shared machine also count the time other processes held the core; the rates per
    // second of this thread's CPU time are what the lexicon itself costs.
    var (fewWall, allWall, fewCpu, allCpu) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
    for (var run = 0; run < 5; run++)
    {
        var (wall, cpu) = Measure.Rates(texts, 100_000, text => few.Classify(text));
        (fewWall, fewCpu) = ([.. fewWall, wall], [.. fewCpu, cpu]);
        (wall, cpu) = Measure.Rates(texts, 100_000, text => all.Classify(text));
        (allWall, allCpu) = ([.. allWall, wall], [.. allCpu, cpu]);
    }
    string Line(string what, List<double> few, List<double> all) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: contest files {fewFiles.Count(f => f.File.Contests.Count > 0)}: {Measure.MedianOf(few):N0} posts/s; contest files {lexicon.Count(f => f.File.Contests.Count > 0)}: {Measure.MedianOf(all):N0} posts/s; " +
        $"difference {(Measure.MedianOf(all) - Measure.MedianOf(few)) / Measure.MedianOf(few):P1}");
    Console.WriteLine(Line("wall clock", fewWall, allWall));
    Console.WriteLine(Line("thread CPU", fewCpu, allCpu));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(medians of 5 alternating runs, each the median of 3 x 100,000 posts; {texts.Length:N0} distinct texts)"));
    return 0;
}

report.Trainers = TrainerComparison.Run(training, trainingFiles, slang, lexicon, settings, shipped, heldOut, emot, emotPartisan);
foreach (var sweep in new[] { 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95 })
{
    report.AddEverydaySweep(sweep, Quality.Evaluate(ShippedClassifierOptions.Classifier(shipped, model, everydayAnchorThreshold: sweep), heldOut, emot, emotPartisan));
}
report.AddQuality("SocialWatch, everyday-word anchors treated as electoral (ablation)", Quality.Evaluate(ShippedClassifierOptions.Classifier(shipped, model, everydayAnchorThreshold: 0), heldOut, emot, emotPartisan));
report.AddQuality("SocialWatch without the political anchor (ablation)", Quality.Evaluate(ShippedClassifierOptions.Classifier(shipped, model, requirePoliticalAnchor: false), heldOut, emot, emotPartisan));
report.AddQuality("Keyword list (agency practice)", Quality.EvaluateKeywords(new KeywordBaseline(lexicon.Select(l => l.File).ToList()), heldOut, emot, emotPartisan));
using var work = new TemporaryDirectory();
var modelPath = Path.Combine(work.Path, "classifier.zip");
ModelPackage.Write(modelBytes, modelPath);
var typical = InProcessSpeed(report, classifier, modelPath);
report.Memory = Measure.MemoryOver(typical, 1_000_000, text => classifier.Classify(text));

var fastText = new FastTextRunner(work.Path, int.Parse(options.Get("fasttext-epochs", "25"), CultureInfo.InvariantCulture));
var fastTextTrain = fastText.Train(training);
report.AddQuality("fastText (-wordNgrams 2)", fastText.Evaluate(heldOut, emot, emotPartisan));
report.FastTextTrainSeconds = fastTextTrain;

report.WholeProcess = WholeProcess.Compare(work.Path, typical, BigCount(), Cli(), modelPath, lexiconDirectory, fastText);
Console.Write(report.Render());
return 0;

// Model size and load time, then single-thread Predict and Classify rates over the training and held-out texts
// cycled (returned, for the whole-process run).
string[] InProcessSpeed(BenchReport speedReport, PostClassifier speedClassifier, string speedModelPath)
{
    speedReport.ModelBytes = new FileInfo(speedModelPath).Length;
    speedReport.LoadSeconds = Measure.Median(5, () => PostClassifier.Load(new ClassifierOptions { ModelPath = speedModelPath, LexiconDirectory = lexiconDirectory }).Dispose());
    var texts = training.Select(p => p.Text).Concat(heldOut.Select(p => p.Text)).ToArray();
    speedReport.TypicalPostChars = texts.Average(t => t.Length);
    (speedReport.PredictPerSecond, speedReport.PredictPerCpuSecond) = Measure.Rates(texts, 300_000, text => speedClassifier.Predict(text, new double[ClassifierModel.LabelCount]));
    (speedReport.ClassifyPerSecond, speedReport.ClassifyPerCpuSecond) = Measure.Rates(texts, 200_000, text => speedClassifier.Classify(text));
    return texts;
}

string Cli() => options.Get("cli", Path.Combine(root, "src", "Cli", "bin", "Release", "net10.0", "socialwatch"));

int BigCount() => int.Parse(options.Get("big", "200000"), CultureInfo.InvariantCulture);
