using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using SocialWatch.Classifier.Features;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Classifier.Text;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Model;

/// <summary>
/// A loaded model: the ML.NET chain (featuriser transform → linear multiclass model) that computes the verdict,
/// the featuriser it runs, the calibration temperature, and the linear model's weights (the arrays ML.NET scores with) so that
/// explanations are the model's own weights × the post's feature values. Immutable and thread-safe.
/// </summary>
public sealed class ClassifierModel
{
    public const int LabelCount = 5;

    /// <summary>
    /// Per label, the linear model's weight of every bucket (biases explain nothing). Where ML.NET 6 lets us, these
    /// are the very dense arrays its scorer multiplies the post's features with (see <see cref="ScoringWeights"/>),
    /// so an explanation reads cache lines the verdict has just loaded; otherwise dense copies from
    /// <see cref="MaximumEntropyModelParameters.GetWeights"/>. Null for one-versus-all models.
    /// </summary>
    private readonly VBuffer<float>[]? weights;

    private ClassifierModel(string version, MLContext ml, ITransformer transformer, PostFeaturizer featurizer, ModelManifest manifest,
        SlangTable slang, IReadOnlyList<string> vocabulary, VBuffer<float>[]? weights, bool weightsShared)
    {
        Version = version;
        MLContext = ml;
        Transformer = transformer;
        Featurizer = featurizer;
        Manifest = manifest;
        Slang = slang;
        Vocabulary = vocabulary;
        this.weights = weights;
        ExplainsWithScoringWeights = weightsShared;
    }

    public string Version { get; }
    public MLContext MLContext { get; }
    public ITransformer Transformer { get; }
    public PostFeaturizer Featurizer { get; }
    public ModelManifest Manifest { get; }
    public SlangTable Slang { get; }
    public IReadOnlyList<string> Vocabulary { get; }
    public double Temperature => Manifest.Temperature;

    /// <summary>Loads a model file against the contest lexicon directory this host uses.</summary>
    /// <exception cref="ModelFileException">The model or a lexicon file does not fit; the message names the file.</exception>
    /// <exception cref="InvalidDataException">A contest lexicon file is invalid; the message names it.</exception>
    public static ClassifierModel Load(string modelPath, IReadOnlyList<(string Path, LexiconFile File)> lexicon)
    {
        var fullPath = Path.GetFullPath(modelPath);
        var bytes = ModelPackage.ReadBytes(fullPath);
        return Load(bytes, fullPath, lexicon);
    }

    public static ClassifierModel Load(byte[] bytes, string source, IReadOnlyList<(string Path, LexiconFile File)> lexicon)
    {
        var (manifest, slang, vocabulary) = ModelPackage.ReadResources(bytes, source);
        Check(manifest, source, lexicon);
        var featurizer = new PostFeaturizer(slang, vocabulary, lexicon.Select(l => l.File).ToList(), manifest.Settings.CharGramWeight);
        var ml = new MLContext(seed: manifest.Settings.Seed);
        ml.ComponentCatalog.RegisterAssembly(typeof(PostFeaturesFactory).Assembly);
        ITransformer transformer;
        DataViewSchema inputSchema;
        try
        {
            using var scope = PostFeaturesFactory.Provide(featurizer);
            transformer = ml.Model.Load(new MemoryStream(bytes, writable: false), out inputSchema);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ModelFileException($"classifier model file '{source}' is corrupt: {ex.Message}", ex);
        }
        var scoreColumn = transformer.GetOutputSchema(inputSchema).GetColumnOrNull("Score");
        if (scoreColumn is not { Type: VectorDataViewType { Size: LabelCount } })
        {
            throw new ModelFileException($"classifier model file '{source}' does not score {LabelCount} labels; train it again with '{ModelPackage.TrainCommand}'");
        }
        if (scoreColumn.Value.HasSlotNames())
        {
            var names = default(VBuffer<ReadOnlyMemory<char>>);
            scoreColumn.Value.GetSlotNames(ref names);
            var labels = names.DenseValues().Select(n => n.ToString()).ToArray();
            if (!labels.SequenceEqual(ModelManifest.ExpectedLabels))
            {
                throw new ModelFileException($"classifier model file '{source}' was trained for the labels {string.Join(", ", labels)}; this build classifies {string.Join(", ", ModelManifest.ExpectedLabels)}");
            }
        }
        return new ClassifierModel(ModelPackage.VersionOf(bytes), ml, transformer, featurizer, manifest, slang, vocabulary, LinearWeights(ml, transformer, source, out var shared), shared);
    }

    private static void Check(ModelManifest manifest, string source, IReadOnlyList<(string Path, LexiconFile File)> lexicon)
    {
        if (manifest.Format != ModelManifest.CurrentFormat)
        {
            throw new ModelFileException($"classifier model file '{source}' has format {manifest.Format}; this build reads {ModelManifest.CurrentFormat} (train it again with '{ModelPackage.TrainCommand}')");
        }
        if (manifest.Featurizer != PostFeaturizer.ContractName || manifest.HashBits != PostFeaturizer.HashBits)
        {
            throw new ModelFileException($"classifier model file '{source}' uses the featuriser {manifest.Featurizer} with {manifest.HashBits} hash bits; this build has {PostFeaturizer.ContractName} with {PostFeaturizer.HashBits} (train it again with '{ModelPackage.TrainCommand}')");
        }
        if (!manifest.Labels.SequenceEqual(ModelManifest.ExpectedLabels))
        {
            throw new ModelFileException($"classifier model file '{source}' was trained for the labels {string.Join(", ", manifest.Labels)}; this build classifies {string.Join(", ", ModelManifest.ExpectedLabels)}");
        }
        var current = ModelManifest.ContextWordsOf(lexicon.Select(l => (System.IO.Path.GetFileName(l.Path), l.File)).ToList());
        var directory = lexicon.Count > 0 ? System.IO.Path.GetDirectoryName(lexicon[0].Path)! : "";
        foreach (var name in current.Keys.Union(manifest.ContextWords.Keys).Order(StringComparer.Ordinal))
        {
            var now = current.GetValueOrDefault(name);
            var then = manifest.ContextWords.GetValueOrDefault(name);
            if (now != then)
            {
                var what = then is null ? "adds context words the model was not trained with"
                    : now is null ? "is missing or has lost its context words, which the model was trained with"
                    : "has other context words than the model was trained with";
                throw new ModelFileException($"contest lexicon file '{System.IO.Path.Combine(directory, name)}' {what} (model '{source}'); restore the file or retrain with '{ModelPackage.TrainCommand}'");
            }
        }
    }

    /// <summary>The linear model's weights per label, dense (see <see cref="weights"/>).</summary>
    private static VBuffer<float>[]? LinearWeights(MLContext ml, ITransformer transformer, string source, out bool shared)
    {
        shared = false;
        var last = transformer is TransformerChain<ITransformer> chain ? chain.LastTransformer : transformer;
        if (last is not ISingleFeaturePredictionTransformer<object> { Model: var parameters })
        {
            throw new ModelFileException($"classifier model file '{source}' does not end in a trained multiclass model");
        }
        switch (parameters)
        {
            case MaximumEntropyModelParameters maximumEntropy:
            {
                VBuffer<float>[] perClass = [];
                maximumEntropy.GetWeights(ref perClass, out var classes);
                if (classes != LabelCount)
                {
                    throw new ModelFileException($"classifier model file '{source}' has {classes} classes, not {LabelCount}");
                }
                if (ScoringWeights(ml, transformer, maximumEntropy, perClass) is { } scoring)
                {
                    shared = true;
                    return scoring;
                }
                var dense = new VBuffer<float>[LabelCount];
                for (var k = 0; k < LabelCount; k++)
                {
                    perClass[k].CopyToDense(ref dense[k]);
                }
                return dense;
            }
            case OneVersusAllModelParameters:
                // ML.NET keeps the per-label models of one-versus-all internal: verdicts, but no feature explanations.
                return null;
            default:
                throw new ModelFileException($"classifier model file '{source}' holds a {parameters.GetType().Name}, not a linear multiclass model");
        }
    }

    /// <summary>
    /// The dense weight arrays ML.NET 6's <c>LinearMulticlassModelParametersBase</c> scores sparse vectors with (its
    /// private <c>_weightsDense</c>, filled on the first sparse prediction, which one warm-up post triggers here).
    /// Reading the same arrays for the explanation means the cache lines the dot products loaded for a post serve
    /// its explanation too, where a copy of the weights (1.3 MB at 2^16 slots × 5 labels) would miss the cache for
    /// every feature. Read-only use; checked against <see cref="MaximumEntropyModelParameters.GetWeights"/> value
    /// by value, and null (the caller then uses that copy) if the field is absent in another ML.NET version or
    /// the values differ.
    /// </summary>
    private static VBuffer<float>[]? ScoringWeights(MLContext ml, ITransformer transformer, MaximumEntropyModelParameters parameters, VBuffer<float>[] copy)
    {
        var field = typeof(LinearMulticlassModelParametersBase).GetField("_weightsDense", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);
        if (field is null || field.FieldType != typeof(VBuffer<float>[]))
        {
            return null;
        }
        if (field.GetValue(parameters) is null)
        {
            var engine = ml.Model.CreatePredictionEngine<PostText, PostClassifier.Scores>(transformer);
            engine.Predict(new PostText { Text = "warm-up" });
        }
        if (field.GetValue(parameters) is not VBuffer<float>[] { Length: LabelCount } scoring)
        {
            return null;
        }
        for (var k = 0; k < LabelCount; k++)
        {
            if (!scoring[k].IsDense || scoring[k].Length != PostFeaturizer.Dimension)
            {
                return null;
            }
            var values = scoring[k].GetValues();
            foreach (var (index, value) in copy[k].Items())
            {
                if (values[index] != value)
                {
                    return null;
                }
            }
        }
        return scoring;
    }

    /// <summary>True when explanations read the very weight arrays ML.NET scores with (not a copy); see <see cref="ScoringWeights"/>.</summary>
    public bool ExplainsWithScoringWeights { get; }

    /// <summary>False for trainers whose weights ML.NET does not expose (one-versus-all): explanations then list lexicon entities only.</summary>
    public bool HasWeights => weights is not null;

    /// <summary>How much one feature pushes <paramref name="label"/> above the average label, in calibrated log-odds.</summary>
    public double Contribution(in FeatureHit feature, int label)
    {
        Span<double> one = stackalloc double[1];
        Contributions([feature], label, one);
        return one[0];
    }

    /// <summary>
    /// <see cref="Contribution"/> of every feature of a post at once: value × (w[label] − mean over labels of w) / T,
    /// from the weights the verdict was scored with.
    /// </summary>
    // Optimised at its first call: ReadyToRun leaves the Vector256 code to the JIT, and its Tier-0 version (every
    // vector operation a call) ran longer than the optimised one in a 200,000-post `classify` (docs/classifier.md).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Contributions(ReadOnlySpan<FeatureHit> features, int label, Span<double> output)
    {
        if (weights is null)
        {
            output[..features.Length].Clear();
            return;
        }
        var w0 = weights[0].GetValues();
        var w1 = weights[1].GetValues();
        var w2 = weights[2].GetValues();
        var w3 = weights[3].GetValues();
        var w4 = weights[4].GetValues();
        var chosen = weights[label].GetValues();
        var temperature = Temperature;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Four features at a time: the two divisions per feature bound the scalar loop, and a vector division
            // rounds each lane exactly as the scalar one does, so with the same operations in the same order
            // (no reciprocal, no fused multiply-add) every output is bit-identical to the scalar loop below.
            var labelCount = Vector256.Create((double)LabelCount);
            var divisor = Vector256.Create(temperature);
            for (; i + 4 <= features.Length; i += 4)
            {
                var (b0, b1, b2, b3) = (features[i].Bucket, features[i + 1].Bucket, features[i + 2].Bucket, features[i + 3].Bucket);
                var sum = Vector256.Create((double)w0[b0], w0[b1], w0[b2], w0[b3]);
                sum += Vector256.Create((double)w1[b0], w1[b1], w1[b2], w1[b3]);
                sum += Vector256.Create((double)w2[b0], w2[b1], w2[b2], w2[b3]);
                sum += Vector256.Create((double)w3[b0], w3[b1], w3[b2], w3[b3]);
                sum += Vector256.Create((double)w4[b0], w4[b1], w4[b2], w4[b3]);
                var mean = sum / labelCount;
                var value = Vector256.Create((double)features[i].Value, features[i + 1].Value, features[i + 2].Value, features[i + 3].Value);
                var own = Vector256.Create((double)chosen[b0], chosen[b1], chosen[b2], chosen[b3]);
                (value * (own - mean) / divisor).CopyTo(output[i..]);
            }
        }
        for (; i < features.Length; i++)
        {
            var bucket = features[i].Bucket;
            var mean = ((double)w0[bucket] + w1[bucket] + w2[bucket] + w3[bucket] + w4[bucket]) / LabelCount;
            output[i] = features[i].Value * (chosen[bucket] - mean) / temperature;
        }
    }

    /// <summary>
    /// Calibrated probabilities from the model's softmax scores: softmax(z / T) is proportional to p^(1/T), so the
    /// temperature applies to the scores without the logits.
    /// </summary>
    public void Calibrate(ReadOnlySpan<float> scores, Span<double> probabilities)
    {
        var max = double.NegativeInfinity;
        for (var k = 0; k < LabelCount; k++)
        {
            probabilities[k] = Math.Log(Math.Max(scores[k], float.Epsilon)) / Temperature;
            max = Math.Max(max, probabilities[k]);
        }
        var sum = 0.0;
        for (var k = 0; k < LabelCount; k++)
        {
            probabilities[k] = Math.Exp(probabilities[k] - max);
            sum += probabilities[k];
        }
        for (var k = 0; k < LabelCount; k++)
        {
            probabilities[k] /= sum;
        }
    }
}

/// <summary>The contest lexicon files of a directory with their paths, in the order <see cref="LexiconFile.LoadDirectory"/> reads them.</summary>
public static class LexiconDirectory
{
    /// <exception cref="ContestFileException">A file is invalid; the message names it.</exception>
    public static IReadOnlyList<(string Path, LexiconFile File)> Load(string directory) => Pair(directory, LexiconFile.LoadDirectory(directory));

    /// <summary>Files already read from <paramref name="directory"/> (<see cref="ContestFiles"/>), with their paths.</summary>
    public static IReadOnlyList<(string Path, LexiconFile File)> Pair(string directory, IReadOnlyList<LexiconFile> files)
    {
        var paths = Directory.GetFiles(directory, "*.json").OrderBy(f => System.IO.Path.GetFileName(f), StringComparer.Ordinal).ToArray();
        return paths.Length == files.Count
            ? paths.Select((path, i) => (System.IO.Path.GetFullPath(path), files[i])).ToList()
            : throw new InvalidDataException($"contest lexicon directory '{directory}' changed while it was read");
    }
}
