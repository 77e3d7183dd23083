using SocialWatch.Classifier.Features;
using SocialWatch.Classifier.Text;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Model;

/// <summary>How a model was trained: recorded in the model file and on the model card.</summary>
public sealed record TrainingSettings
{
    public int HashBits { get; init; } = 17;
    public int Epochs { get; init; } = 12;
    public double LearningRate { get; init; } = 0.4;
    public double L2 { get; init; } = 1e-6;
    public ulong Seed { get; init; } = 20240214;
    /// <summary>One fold in this many is held back to fit the calibration temperature.</summary>
    public int CalibrationFolds { get; init; } = 5;
    /// <summary>Value of each character n-gram relative to a word n-gram; 0 turns them off.</summary>
    public double CharGramWeight { get; init; } = 0.5;
}

/// <summary>What a model was trained on: the SHA-256 of the training files and the label counts.</summary>
public sealed record TrainingDataSummary(string Sha256, int Rows, IReadOnlyDictionary<Label, int> LabelCounts);

/// <summary>
/// A trained multinomial logistic regression over hashed features, with its calibration temperature and the
/// normalisation resources it was trained with (slang table, vocabulary). Immutable and thread-safe.
/// </summary>
public sealed class ClassifierModel
{
    public const int LabelCount = 5;

    private readonly float[] weights;
    private readonly float[] bias;

    public ClassifierModel(string version, TrainingDataSummary data, TrainingSettings settings, double temperature,
        SlangTable slang, IReadOnlyList<string> vocabulary, float[] weights, float[] bias)
    {
        if (weights.Length != (1 << settings.HashBits) * LabelCount || bias.Length != LabelCount)
        {
            throw new ArgumentException("weights do not match the hash size and label count", nameof(weights));
        }
        Version = version;
        Data = data;
        Settings = settings;
        Temperature = temperature;
        Slang = slang;
        Vocabulary = vocabulary;
        this.weights = weights;
        this.bias = bias;
    }

    public string Version { get; }
    public TrainingDataSummary Data { get; }
    public TrainingSettings Settings { get; }
    public double Temperature { get; }
    public SlangTable Slang { get; }
    public IReadOnlyList<string> Vocabulary { get; }
    public ReadOnlySpan<float> Weights => weights;
    public ReadOnlySpan<float> Bias => bias;

    /// <summary>Calibrated probabilities per label, in <see cref="LabelNames.All"/> order.</summary>
    public void Predict(List<FeatureHit> features, Span<double> probabilities)
    {
        Span<double> logits = stackalloc double[LabelCount];
        Logits(features, logits);
        Softmax(logits, Temperature, probabilities);
    }

    public void Logits(List<FeatureHit> features, Span<double> logits)
    {
        for (var k = 0; k < LabelCount; k++)
        {
            logits[k] = bias[k];
        }
        var w = weights;
        foreach (var feature in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(features))
        {
            var row = feature.Bucket * LabelCount;
            var v = feature.Value;
            logits[0] += v * w[row];
            logits[1] += v * w[row + 1];
            logits[2] += v * w[row + 2];
            logits[3] += v * w[row + 3];
            logits[4] += v * w[row + 4];
        }
    }

    /// <summary>How much one feature pushes <paramref name="label"/> above the average label, in calibrated log-odds.</summary>
    public double Contribution(in FeatureHit feature, int label)
    {
        var row = feature.Bucket * LabelCount;
        var mean = 0.0;
        for (var k = 0; k < LabelCount; k++)
        {
            mean += weights[row + k];
        }
        mean /= LabelCount;
        return feature.Value * (weights[row + label] - mean) / Temperature;
    }

    public static void Softmax(ReadOnlySpan<double> logits, double temperature, Span<double> probabilities)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits)
        {
            max = Math.Max(max, z);
        }
        var sum = 0.0;
        for (var k = 0; k < logits.Length; k++)
        {
            probabilities[k] = Math.Exp((logits[k] - max) / temperature);
            sum += probabilities[k];
        }
        for (var k = 0; k < logits.Length; k++)
        {
            probabilities[k] /= sum;
        }
    }
}
