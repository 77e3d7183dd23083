using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using SocialWatch.Classifier.Features;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Classifier.Model;
using SocialWatch.Classifier.Text;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Training;

/// <summary>
/// Trains the ML.NET chain: our featuriser as a <c>CustomMapping</c> (<see cref="PostFeaturizer"/>), then a linear
/// multiclass trainer with class weights, then a calibration temperature fitted on a held-back fold. Deterministic:
/// one training thread, fixed seeds, rows in file order, resources written in ordinal order, so the same rows,
/// lexicon and settings give the same zip bytes.
/// </summary>
public static class ModelTrainer
{
    private const int MinVocabularyCount = 2;

    private sealed class TrainingRow
    {
        public string Text { get; set; } = "";
        public string Label { get; set; } = "";
        public float Weight { get; set; }
    }

    private sealed class LabelRow
    {
        public string Label { get; set; } = "";
    }

    private sealed class ScoreRow
    {
        public VBuffer<float> Score { get; set; }
    }

    /// <param name="lexicon">The contest lexicon files with their paths; the manifest records their context words.</param>
    public static TrainedModel Train(IReadOnlyList<LabelledPost> posts, string dataSha256, SlangTable slang,
        IReadOnlyList<(string Path, LexiconFile File)> lexicon, TrainingSettings settings)
    {
        if (posts.Count == 0)
        {
            throw new DomainValidationException("no training rows");
        }
        var counts = LabelNames.All.ToDictionary(l => l, l => posts.Count(p => p.Label == l));
        var missing = counts.Where(c => c.Value == 0).Select(c => c.Key.ToCode()).ToList();
        if (missing.Count > 0)
        {
            throw new DomainValidationException($"training data has no rows labelled {string.Join(", ", missing)}");
        }
        var lexiconFiles = lexicon.Select(l => l.File).ToList();
        var vocabulary = BuildVocabulary(posts, slang, lexiconFiles);
        var featurizer = new PostFeaturizer(slang, vocabulary, lexiconFiles, settings.CharGramWeight);
        var rows = posts.Select(p => new TrainingRow
        {
            Text = p.Text,
            Label = p.Label.ToCode(),
            // Class weights N / (5 · n_label), so no label wins by being common.
            Weight = (float)posts.Count / (ClassifierModel.LabelCount * counts[p.Label]),
        }).ToArray();

        // Calibrate on a fold the calibration model never saw, then train the final model on everything.
        var temperature = 1.0;
        var calibration = Enumerable.Range(0, rows.Length).Where(i => Fold(i, settings) == 0).ToArray();
        if (settings.CalibrationFolds > 1 && calibration.Length > 0 && calibration.Length < rows.Length)
        {
            var fit = Enumerable.Range(0, rows.Length).Where(i => Fold(i, settings) != 0).Select(i => rows[i]).ToArray();
            var foldModel = Fit(featurizer, fit, settings);
            temperature = FitTemperature(foldModel.Context, foldModel.Chain, calibration.Select(i => rows[i]).ToArray());
        }
        var (ml, chain) = Fit(featurizer, rows, settings);

        var manifest = new ModelManifest(
            ModelManifest.CurrentFormat,
            PostFeaturizer.ContractName,
            PostFeaturizer.HashBits,
            ModelManifest.ExpectedLabels,
            Math.Round(temperature, 6),
            settings,
            new TrainingDataSummary(dataSha256, posts.Count, LabelNames.All.ToDictionary(l => l.ToCode(), l => counts[l])),
            ModelManifest.Sha256(string.Concat(slang.Entries.Select(e => e.Key + "\t" + e.Value + "\n"))),
            ModelManifest.Sha256(string.Concat(vocabulary.Select(w => w + "\n"))),
            ModelManifest.ContextWordsOf(lexicon.Select(l => (Path.GetFileName(l.Path), l.File)).ToList()),
            lexicon.Select(l => Path.GetFileName(l.Path)).ToList());
        var inputSchema = ml.Data.LoadFromEnumerable(Array.Empty<PostText>()).Schema;
        return new TrainedModel(ml, chain, inputSchema, manifest, slang, vocabulary);
    }

    /// <summary>A fixed pseudo-random fold per row position (a multiplicative hash, not System.Random).</summary>
    private static int Fold(int index, TrainingSettings settings) =>
        (int)((((uint)index * 2654435761u) ^ (uint)settings.Seed) % (uint)Math.Max(settings.CalibrationFolds, 1));

    private static (MLContext Context, ITransformer Chain) Fit(PostFeaturizer featurizer, TrainingRow[] rows, TrainingSettings settings)
    {
        var ml = new MLContext(seed: settings.Seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        // Keys in LabelNames order, so score slot k is label k.
        var keys = ml.Transforms.Conversion.MapValueToKey("Label", keyData: ml.Data.LoadFromEnumerable(LabelNames.All.Select(l => new LabelRow { Label = l.ToCode() })))
            .Fit(data);
        var features = ml.Transforms.CustomMapping<PostText, PostFeatureVector>(featurizer.Map, PostFeaturizer.ContractName).Fit(data);
        // Featurise once: the trainer passes over the data many times.
        var prepared = ml.Data.Cache(features.Transform(keys.Transform(data)));
        var scorer = Trainer(ml, settings).Fit(prepared);
        return (ml, new TransformerChain<ITransformer>(features, scorer));
    }

    private static IEstimator<ITransformer> Trainer(MLContext ml, TrainingSettings settings)
    {
        const string label = "Label", features = "Features", weight = "Weight";
        return settings.Trainer switch
        {
            ClassifierTrainer.LbfgsMaximumEntropy => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, ExampleWeightColumnName = weight,
                L1Regularization = settings.L1, L2Regularization = settings.L2, NumberOfThreads = 1, OptimizationTolerance = 1e-8f, MaximumNumberOfIterations = 1000,
            }),
            ClassifierTrainer.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, ExampleWeightColumnName = weight,
                L1Regularization = settings.L1, L2Regularization = settings.L2, NumberOfThreads = 1, MaximumNumberOfIterations = 100,
            }),
            ClassifierTrainer.OneVersusAllLogistic => ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = label, FeatureColumnName = features, ExampleWeightColumnName = weight,
                    L1Regularization = settings.L1, L2Regularization = settings.L2, NumberOfThreads = 1, OptimizationTolerance = 1e-8f,
                }), labelColumnName: label),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Trainer, "unknown trainer"),
        };
    }

    /// <summary>The temperature minimising negative log-likelihood on the calibration fold (golden-section search on log T).</summary>
    private static double FitTemperature(MLContext ml, ITransformer chain, TrainingRow[] fold)
    {
        var scored = chain.Transform(ml.Data.LoadFromEnumerable(fold));
        var scores = ml.Data.CreateEnumerable<ScoreRow>(scored, reuseRowObject: false).Select(r => r.Score.DenseValues().ToArray()).ToArray();
        var labels = fold.Select(r => LabelNames.All.ToList().IndexOf(LabelNames.Parse(r.Label))).ToArray();
        double Loss(double logTemperature)
        {
            var inverse = 1 / Math.Exp(logTemperature);
            var loss = 0.0;
            Span<double> logits = stackalloc double[ClassifierModel.LabelCount];
            for (var i = 0; i < scores.Length; i++)
            {
                var max = double.NegativeInfinity;
                for (var k = 0; k < logits.Length; k++)
                {
                    logits[k] = Math.Log(Math.Max(scores[i][k], float.Epsilon)) * inverse;
                    max = Math.Max(max, logits[k]);
                }
                var sum = 0.0;
                for (var k = 0; k < logits.Length; k++)
                {
                    sum += Math.Exp(logits[k] - max);
                }
                loss -= logits[labels[i]] - max - Math.Log(sum);
            }
            return loss;
        }
        var (low, high) = (Math.Log(0.05), Math.Log(20.0));
        var ratio = (Math.Sqrt(5) - 1) / 2;
        for (var iteration = 0; iteration < 60; iteration++)
        {
            var left = high - (ratio * (high - low));
            var right = low + (ratio * (high - low));
            if (Loss(left) < Loss(right))
            {
                high = right;
            }
            else
            {
                low = left;
            }
        }
        return Math.Exp((low + high) / 2);
    }

    /// <summary>Words seen at least twice in training, sorted: helps split hashtags and squeeze letter repeats.</summary>
    private static List<string> BuildVocabulary(IReadOnlyList<LabelledPost> posts, SlangTable slang, IReadOnlyList<LexiconFile> lexiconFiles)
    {
        var normalizer = new TextNormalizer(slang, ContestLexicon.WordsOf(lexiconFiles));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var tokens = new List<Token>();
        foreach (var post in posts)
        {
            normalizer.Normalize(post.Text, tokens);
            foreach (var token in tokens)
            {
                if (token.Kind == TokenKind.Word && token.Text.Length is >= 2 and <= 20 && token.Text.All(char.IsAsciiLetterLower))
                {
                    counts[token.Text] = counts.GetValueOrDefault(token.Text) + 1;
                }
            }
        }
        return counts.Where(c => c.Value >= MinVocabularyCount).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
    }
}
