using System.Globalization;
using SocialWatch.Classifier.Features;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Classifier.Model;
using SocialWatch.Classifier.Text;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Training;

/// <summary>
/// Trains the multinomial logistic regression: AdaGrad SGD with class weights and L2, then temperature scaling
/// fitted on a held-back fold. Deterministic by construction: one thread, a fixed example order from our own
/// seeded generator, sorted feature lists, and no iteration over hash-ordered collections — the same rows, lexicon
/// and settings always give the same model bytes.
/// </summary>
public static class ModelTrainer
{
    private const int MinVocabularyCount = 2;

    private sealed record Example(int[] Buckets, float[] Values, int Label, double Weight);

    public static ClassifierModel Train(IReadOnlyList<LabelledPost> posts, string dataSha256, SlangTable slang,
        IReadOnlyList<LexiconFile> lexiconFiles, TrainingSettings settings)
    {
        if (posts.Count == 0)
        {
            throw new DomainValidationException("no training rows");
        }
        var vocabulary = BuildVocabulary(posts, slang, lexiconFiles);
        var pipeline = FeaturePipeline.Create(slang, vocabulary, lexiconFiles, settings.HashBits, settings.CharGramWeight);
        var counts = LabelNames.All.ToDictionary(l => l, l => posts.Count(p => p.Label == l));
        var missing = counts.Where(c => c.Value == 0).Select(c => c.Key.ToCode()).ToList();
        if (missing.Count > 0)
        {
            throw new DomainValidationException($"training data has no rows labelled {string.Join(", ", missing)}");
        }
        var examples = Featurize(posts, pipeline, counts);

        // Calibrate on a fold the calibration model never saw, then train the final model on everything.
        var order = Shuffle(examples.Length, settings.Seed);
        var calibrationFold = order.Where((_, position) => position % settings.CalibrationFolds == 0).Order().ToArray();
        var fitFold = order.Where((_, position) => position % settings.CalibrationFolds != 0).Order().ToArray();
        var temperature = 1.0;
        if (calibrationFold.Length > 0 && fitFold.Length > 0)
        {
            var (calibrationWeights, calibrationBias) = Fit(examples, fitFold, settings, pipeline.Extractor.BucketCount);
            temperature = FitTemperature(examples, calibrationFold, calibrationWeights, calibrationBias);
        }
        var (weights, bias) = Fit(examples, Enumerable.Range(0, examples.Length).ToArray(), settings, pipeline.Extractor.BucketCount);

        var version = string.Create(CultureInfo.InvariantCulture, $"lr-{ModelFile.FormatVersion}.{dataSha256[..12]}");
        return new ClassifierModel(version, new TrainingDataSummary(dataSha256, posts.Count, counts), settings, temperature,
            slang, vocabulary, weights.Select(w => (float)w).ToArray(), bias.Select(b => (float)b).ToArray());
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

    private static Example[] Featurize(IReadOnlyList<LabelledPost> posts, FeaturePipeline pipeline, Dictionary<Label, int> counts)
    {
        var scratch = new FeatureScratch();
        var examples = new Example[posts.Count];
        for (var i = 0; i < posts.Count; i++)
        {
            pipeline.Featurize(posts[i].Text, scratch);
            // Merge repeated buckets and sort them, so updates happen in one fixed order.
            var merged = new SortedDictionary<int, float>();
            foreach (var feature in scratch.Features)
            {
                merged[feature.Bucket] = merged.GetValueOrDefault(feature.Bucket) + feature.Value;
            }
            var label = posts[i].Label;
            var classWeight = (double)posts.Count / (ClassifierModel.LabelCount * counts[label]);
            examples[i] = new Example(merged.Keys.ToArray(), merged.Values.ToArray(), LabelNames.All.ToList().IndexOf(label), classWeight);
        }
        return examples;
    }

    private static (double[] Weights, double[] Bias) Fit(Example[] examples, int[] subset, TrainingSettings settings, int bucketCount)
    {
        const int k = ClassifierModel.LabelCount;
        const double epsilon = 1e-8;
        var weights = new double[bucketCount * k];
        var squaredGradients = new double[bucketCount * k];
        var bias = new double[k];
        var biasSquaredGradients = new double[k];
        var logits = new double[k];
        var probabilities = new double[k];
        var random = new SplitMix64(settings.Seed);
        var order = (int[])subset.Clone();
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var example = examples[index];
                Array.Copy(bias, logits, k);
                for (var j = 0; j < example.Buckets.Length; j++)
                {
                    var row = example.Buckets[j] * k;
                    for (var c = 0; c < k; c++)
                    {
                        logits[c] += example.Values[j] * weights[row + c];
                    }
                }
                ClassifierModel.Softmax(logits, 1.0, probabilities);
                for (var c = 0; c < k; c++)
                {
                    probabilities[c] = example.Weight * (probabilities[c] - (c == example.Label ? 1 : 0));
                }
                for (var j = 0; j < example.Buckets.Length; j++)
                {
                    var row = example.Buckets[j] * k;
                    for (var c = 0; c < k; c++)
                    {
                        var gradient = (probabilities[c] * example.Values[j]) + (settings.L2 * weights[row + c]);
                        squaredGradients[row + c] += gradient * gradient;
                        weights[row + c] -= settings.LearningRate * gradient / Math.Sqrt(squaredGradients[row + c] + epsilon);
                    }
                }
                for (var c = 0; c < k; c++)
                {
                    biasSquaredGradients[c] += probabilities[c] * probabilities[c];
                    bias[c] -= settings.LearningRate * probabilities[c] / Math.Sqrt(biasSquaredGradients[c] + epsilon);
                }
            }
        }
        return (weights, bias);
    }

    /// <summary>The temperature minimising negative log-likelihood on the calibration fold (golden-section search on log T).</summary>
    private static double FitTemperature(Example[] examples, int[] fold, double[] weights, double[] bias)
    {
        const int k = ClassifierModel.LabelCount;
        var logits = new double[fold.Length][];
        for (var i = 0; i < fold.Length; i++)
        {
            var example = examples[fold[i]];
            var z = (double[])bias.Clone();
            for (var j = 0; j < example.Buckets.Length; j++)
            {
                for (var c = 0; c < k; c++)
                {
                    z[c] += example.Values[j] * weights[(example.Buckets[j] * k) + c];
                }
            }
            logits[i] = z;
        }
        double Loss(double logTemperature)
        {
            var temperature = Math.Exp(logTemperature);
            var probabilities = new double[k];
            var loss = 0.0;
            for (var i = 0; i < fold.Length; i++)
            {
                ClassifierModel.Softmax(logits[i], temperature, probabilities);
                loss -= Math.Log(Math.Max(probabilities[examples[fold[i]].Label], 1e-12));
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

    private static int[] Shuffle(int count, ulong seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new SplitMix64(seed ^ 0x5DEECE66DUL).Shuffle(order);
        return order;
    }

    /// <summary>A tiny seeded generator whose sequence is fixed forever (System.Random's is an implementation detail).</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong state = seed;

        private ulong Next()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public void Shuffle(int[] items)
        {
            for (var i = items.Length - 1; i > 0; i--)
            {
                var j = (int)(Next() % (ulong)(i + 1));
                (items[i], items[j]) = (items[j], items[i]);
            }
        }
    }
}
