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
/// the featuriser it runs, the calibration temperature, and the linear model's weights copied out once so that
/// explanations are the model's own weights × the post's feature values. Immutable and thread-safe.
/// </summary>
public sealed class ClassifierModel
{
    public const int LabelCount = 5;

    private readonly float[]? weights;

    private ClassifierModel(string version, MLContext ml, ITransformer transformer, PostFeaturizer featurizer, ModelManifest manifest,
        SlangTable slang, IReadOnlyList<string> vocabulary, float[]? weights)
    {
        Version = version;
        MLContext = ml;
        Transformer = transformer;
        Featurizer = featurizer;
        Manifest = manifest;
        Slang = slang;
        Vocabulary = vocabulary;
        this.weights = weights;
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
        return new ClassifierModel(ModelPackage.VersionOf(bytes), ml, transformer, featurizer, manifest, slang, vocabulary, LinearWeights(transformer, source));
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

    /// <summary>The linear model's weights, bucket-major ([bucket × <see cref="LabelCount"/> + label]); biases do not explain anything.</summary>
    private static float[]? LinearWeights(ITransformer transformer, string source)
    {
        var last = transformer is TransformerChain<ITransformer> chain ? chain.LastTransformer : transformer;
        if (last is not ISingleFeaturePredictionTransformer<object> { Model: var parameters })
        {
            throw new ModelFileException($"classifier model file '{source}' does not end in a trained multiclass model");
        }
        var table = new float[PostFeaturizer.Dimension * LabelCount];
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
                for (var k = 0; k < LabelCount; k++)
                {
                    Spread(perClass[k], k, table);
                }
                break;
            }
            case OneVersusAllModelParameters:
                // ML.NET keeps the per-label models of one-versus-all internal: verdicts, but no feature explanations.
                return null;
            default:
                throw new ModelFileException($"classifier model file '{source}' holds a {parameters.GetType().Name}, not a linear multiclass model");
        }
        return table;

        static void Spread(in VBuffer<float> classWeights, int label, float[] table)
        {
            foreach (var (index, value) in classWeights.Items())
            {
                table[(index * LabelCount) + label] = value;
            }
        }
    }

    /// <summary>False for trainers whose weights ML.NET does not expose (one-versus-all): explanations then list lexicon entities only.</summary>
    public bool HasWeights => weights is not null;

    /// <summary>How much one feature pushes <paramref name="label"/> above the average label, in calibrated log-odds.</summary>
    public double Contribution(in FeatureHit feature, int label)
    {
        if (weights is null)
        {
            return 0;
        }
        var row = feature.Bucket * LabelCount;
        var mean = 0.0;
        for (var k = 0; k < LabelCount; k++)
        {
            mean += weights[row + k];
        }
        mean /= LabelCount;
        return feature.Value * (weights[row + label] - mean) / Temperature;
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
