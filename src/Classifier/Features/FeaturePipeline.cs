using SocialWatch.Classifier.Lexicon;
using SocialWatch.Classifier.Text;

namespace SocialWatch.Classifier.Features;

/// <summary>Per-thread buffers for one post: tokens, lexicon matches, features. Reused to keep the hot path allocation-light.</summary>
public sealed class FeatureScratch
{
    /// <summary>The text these buffers describe; token spans index into it.</summary>
    public string? Text { get; set; }

    public List<Token> Tokens { get; } = [];
    public LexiconMatches Matches { get; } = new();
    public List<FeatureHit> Features { get; } = [];

    /// <summary>Explanation workspace: contribution per (feature kind, token), grown as needed.</summary>
    public double[] Contributions { get; private set; } = new double[256];

    private double[] featureContributions = new double[256];

    /// <summary>Explanation workspace: one contribution per feature hit, grown as needed (not cleared).</summary>
    public Span<double> FeatureContributions(int length)
    {
        if (featureContributions.Length < length)
        {
            featureContributions = new double[Math.Max(length, featureContributions.Length * 2)];
        }
        return featureContributions.AsSpan(0, length);
    }

    public double[] ClearedContributions(int length)
    {
        if (Contributions.Length < length)
        {
            Contributions = new double[Math.Max(length, Contributions.Length * 2)];
        }
        // Fill, not Array.Clear: the memset behind Clear measured slower than the rest of the explanation.
        Contributions.AsSpan(0, length).Clear();
        return Contributions;
    }
}

/// <summary>Text → tokens → lexicon matches → features; the same steps in training and at run time.</summary>
public sealed class FeaturePipeline(TextNormalizer normalizer, ContestLexicon lexicon, FeatureExtractor extractor)
{
    public TextNormalizer Normalizer { get; } = normalizer;
    public ContestLexicon Lexicon { get; } = lexicon;
    public FeatureExtractor Extractor { get; } = extractor;

    /// <summary>
    /// Builds the pipeline a model was trained with: its slang table and vocabulary plus the contest lexicon files.
    /// </summary>
    public static FeaturePipeline Create(SlangTable slang, IEnumerable<string> vocabulary, IReadOnlyList<LexiconFile> lexiconFiles, int hashBits, double charGramWeight)
    {
        var normalizer = new TextNormalizer(slang, vocabulary.Concat(ContestLexicon.WordsOf(lexiconFiles)));
        return new FeaturePipeline(normalizer, new ContestLexicon(lexiconFiles, normalizer), new FeatureExtractor(hashBits, charGramWeight));
    }

    public void Featurize(string text, FeatureScratch scratch)
    {
        Normalizer.Normalize(text, scratch.Tokens);
        Lexicon.Match(scratch.Tokens, scratch.Matches);
        Extractor.Extract(text, scratch.Tokens, scratch.Matches, scratch.Features);
    }
}
