using System.Security.Cryptography;
using System.Text;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Model;

/// <summary>How a model was trained: recorded in the manifest and on the model card.</summary>
public sealed record TrainingSettings
{
    public ClassifierTrainer Trainer { get; init; } = ClassifierTrainer.LbfgsMaximumEntropy;
    /// <summary>L2 regularisation, chosen on a validation fold of the training data (docs/classifier.md); ML.NET's L-BFGS default of 1 is far too strong for sparse text features.</summary>
    public float L2 { get; init; } = 0.005f;
    public float L1 { get; init; }
    public int Seed { get; init; } = 20240214;
    /// <summary>One fold in this many is held back to fit the calibration temperature.</summary>
    public int CalibrationFolds { get; init; } = 5;
    /// <summary>Value of each character n-gram relative to a word n-gram; 0 turns them off.</summary>
    public double CharGramWeight { get; init; } = 0.5;
}

/// <summary>The ML.NET trainers the benchmark compares; the model card names the one a model used.</summary>
public enum ClassifierTrainer
{
    LbfgsMaximumEntropy,
    SdcaMaximumEntropy,
    /// <summary>One-versus-all over L-BFGS binary logistic regressions.</summary>
    OneVersusAllLogistic,
}

/// <summary>What a model was trained on: the SHA-256 of the training files and the label counts.</summary>
public sealed record TrainingDataSummary(string Sha256, int Rows, IReadOnlyDictionary<string, int> LabelCounts);

/// <summary>
/// <c>socialwatch/manifest.json</c> in the model zip: everything the ML.NET part of the zip cannot say itself.
/// </summary>
/// <param name="ContextWords">Per lexicon file with context words: the SHA-256 of its election, campaign, support and
/// attack lists. Those lists define what the lexicon features mean, so changing them needs a new model; contests,
/// parties, slurs and the everyday tier may change freely (the features are generic).</param>
public sealed record ModelManifest(
    string Format,
    string Featurizer,
    int HashBits,
    IReadOnlyList<string> Labels,
    double Temperature,
    TrainingSettings Settings,
    TrainingDataSummary Data,
    string SlangSha256,
    string VocabularySha256,
    IReadOnlyDictionary<string, string> ContextWords,
    IReadOnlyList<string> LexiconFiles)
{
    /// <summary>SHA-256 of every other entry of the zip, uncompressed: a flipped bit anywhere in them is "corrupt", not a different model.</summary>
    public IReadOnlyDictionary<string, string> Entries { get; init; } = new Dictionary<string, string>();

    public const string CurrentFormat = "socialwatch-classifier/2";

    public static IReadOnlyList<string> ExpectedLabels { get; } = LabelNames.All.Select(l => l.ToCode()).ToArray();

    /// <summary>Context-word fingerprints of the lexicon files in the directory, by file name.</summary>
    public static SortedDictionary<string, string> ContextWordsOf(IReadOnlyList<(string Name, LexiconFile File)> files)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, file) in files)
        {
            if (file.ContextWords is { } words)
            {
                var text = new StringBuilder();
                foreach (var (kind, list) in new[] { ("election", words.Election), ("campaign", words.Campaign), ("support", words.Support), ("attack", words.Attack) })
                {
                    foreach (var word in list.Select(w => w.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal))
                    {
                        text.Append(kind).Append('\t').Append(word).Append('\n');
                    }
                }
                result[name] = Sha256(text.ToString());
            }
        }
        return result;
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
