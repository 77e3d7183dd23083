using System.Runtime.InteropServices;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Classifier.Text;

namespace SocialWatch.Classifier.Features;

public enum FeatureKind : byte
{
    Word,
    Bigram,
    CharGram,
    Lexicon,
}

/// <summary>One active feature: its hashed bucket, value, and the tokens it came from (for explanations).</summary>
public readonly record struct FeatureHit(int Bucket, float Value, FeatureKind Kind, int FirstToken, int TokenCount, int LexiconFeature = -1);

/// <summary>
/// Hashed word unigrams and bigrams, character 3-4-grams of words (fastText-style, with &lt; &gt; boundaries), and
/// lexicon features such as "lex:ballot_number+election" (an entity kind seen near a context word). N-gram values
/// are scaled by 1/√count so long posts do not saturate, character n-grams further by a weight below one so that
/// spelling style does not outvote words; lexicon features are binary.
/// </summary>
public sealed class FeatureExtractor
{
    private const int MinCharGram = 3;
    private const int MaxCharGram = 4;
    private const int MaxWordLengthForCharGrams = 24;

    private static readonly string[] EntityKindNames = ["candidate", "slogan", "hashtag", "party", "slur", "ballot_number", "finger_sign"];
    private static readonly string[] ContextVariants = ["", "+election", "+support", "+attack", "+campaign"];

    /// <summary>Context kinds in <see cref="ContextKind"/> bit order, for the features of a context word on its own.</summary>
    private static readonly string[] ContextKindNames = ["election", "support", "attack", "campaign"];

    /// <summary>Names of the lexicon features, indexed by <see cref="FeatureHit.LexiconFeature"/>.</summary>
    public static IReadOnlyList<string> LexiconFeatureNames { get; } = EntityKindNames
        .SelectMany(kind => ContextVariants.Select(variant => "lex:" + kind + variant))
        .Concat(["lex:support+election", "lex:attack+election", "lex:campaign+election"])
        .Concat(ContextKindNames.Select(kind => "lex:" + kind))
        .Concat(ContextKindNames.Select(kind => "lex:hashtag_part+" + kind))
        .Concat(ContextVariants.Select(variant => "lex:person" + variant))
        .ToArray();

    private static readonly int SupportNearElection = EntityKindNames.Length * ContextVariants.Length;
    private static readonly int AttackNearElection = SupportNearElection + 1;
    private static readonly int CampaignNearElection = SupportNearElection + 2;
    private static readonly int ContextAlone = SupportNearElection + 3;
    private static readonly int ContextInHashtag = ContextAlone + ContextKindNames.Length;
    private static readonly int NamedPerson = ContextInHashtag + ContextKindNames.Length;

    /// <summary>How far back from a word the hashtag it was split from can be (one token per part).</summary>
    private const int MaxHashtagParts = 16;

    private readonly int mask;
    private readonly int[] lexiconBuckets;

    private readonly float charGramWeight;

    public FeatureExtractor(int hashBits, double charGramWeight)
    {
        this.charGramWeight = (float)charGramWeight;
        if (hashBits is < 10 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(hashBits), hashBits, "hash bits must be between 10 and 24");
        }
        HashBits = hashBits;
        mask = (1 << hashBits) - 1;
        lexiconBuckets = LexiconFeatureNames.Select(name => FeatureHash.Bucket(FeatureHash.Of('l', name), mask)).ToArray();
    }

    public int HashBits { get; }

    public int BucketCount => mask + 1;

    /// <summary>Fills <paramref name="output"/> (cleared first) with the features of one normalised post of <paramref name="text"/>.</summary>
    public void Extract(string text, List<Token> tokens, LexiconMatches matches, List<FeatureHit> output)
    {
        // The n-gram hits are counted first, so each is written once into its place with its final 1/√count value,
        // rather than added one by one and then rewritten with the scale.
        var count = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            count += (i > 0 ? 2 : 1) + (HasCharGrams(tokens[i]) ? CharGramCount(tokens[i].Text.Length) : 0);
        }
        var scale = count > 0 ? (float)(1 / Math.Sqrt(count)) : 0f;
        var charGramValue = scale * charGramWeight;
        output.Clear();
        CollectionsMarshal.SetCount(output, count);
        var hits = CollectionsMarshal.AsSpan(output);
        var next = 0;
        var previousHash = 0u;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var hash = FeatureHash.Of('w', token.Text);
            hits[next++] = new FeatureHit(FeatureHash.Bucket(hash, mask), scale, FeatureKind.Word, i, 1);
            if (i > 0)
            {
                hits[next++] = new FeatureHit(FeatureHash.Bucket(FeatureHash.Combine(previousHash, hash), mask), scale, FeatureKind.Bigram, i - 1, 2);
            }
            if (HasCharGrams(token))
            {
                next = AddCharGrams(token.Text, i, charGramValue, hits, next);
            }
            previousHash = hash;
        }
        if (next != count)
        {
            // CharGramCount and AddCharGrams disagree: hits past `next` would be stale ones of an earlier post.
            throw new InvalidOperationException($"the feature extractor counted {count} n-gram hits but wrote {next}");
        }
        // After all n-grams: the explanation gives the lexicon hits their own slots by that (PostClassifier.Explain).
        AddLexiconFeatures(text, tokens, matches, output);
    }

    private bool HasCharGrams(Token token) =>
        charGramWeight > 0 && token.Kind == TokenKind.Word && token.Text.Length <= MaxWordLengthForCharGrams;

    /// <summary>The character n-grams <see cref="AddCharGrams"/> writes for a word of <paramref name="length"/> (with its two boundary marks).</summary>
    private static int CharGramCount(int length)
    {
        var padded = length + 2;
        var total = 0;
        for (var n = MinCharGram; n <= MaxCharGram; n++)
        {
            total += Math.Max(0, padded - n + 1);
        }
        return total;
    }

    private int AddCharGrams(string word, int tokenIndex, float value, Span<FeatureHit> hits, int next)
    {
        var padded = word.Length + 2;
        for (var start = 0; start + MinCharGram <= padded; start++)
        {
            var hash = FeatureHash.Start('c');
            for (var n = 1; n <= MaxCharGram && start + n <= padded; n++)
            {
                var position = start + n - 1;
                hash = FeatureHash.Step(hash, position == 0 ? '<' : position == padded - 1 ? '>' : word[position - 1]);
                if (n >= MinCharGram)
                {
                    hits[next++] = new FeatureHit(FeatureHash.Bucket(hash, mask), value, FeatureKind.CharGram, tokenIndex, 1);
                }
            }
        }
        return next;
    }

    /// <summary>
    /// Entity kinds near context words; a context word near an election word; and a context word of each kind on its
    /// own ("lengserkan X", "X menang lagi" name no election) and inside a hashtag ("#WaluyoLanjut" beside unrelated
    /// text), so the stance words carry the post however many everyday words surround them. These do not depend on a
    /// word's everyday tier, which admins may change without retraining (it only moves the anchor). A person the
    /// lexicon does not know, named after a form of address (<see cref="NamedPersonCue"/>), gets the same variants as
    /// an entity kind, so "lengserkan Pak X" and "lengserkan admin grup" differ by more than the name the model has
    /// never seen.
    /// </summary>
    private void AddLexiconFeatures(string text, List<Token> tokens, LexiconMatches matches, List<FeatureHit> output)
    {
        var seen = 0UL;
        foreach (var match in matches.Entities)
        {
            AddWithContexts((int)match.Entity.Kind * ContextVariants.Length, match.FirstToken, match.TokenCount);
        }
        if (matches.Entities.Count == 0 && NamedPersonCue.Find(text, tokens, matches) is var person and >= 0)
        {
            AddWithContexts(NamedPerson, person, 1);
        }
        foreach (var context in matches.Contexts)
        {
            if ((context.Kind & ContextKind.Support) != 0 && ContestLexicon.HasContextNear(matches, context.FirstToken, context.FirstToken + context.TokenCount, ContextKind.Election))
            {
                Add(SupportNearElection, context.FirstToken, context.TokenCount);
            }
            if ((context.Kind & ContextKind.Attack) != 0 && ContestLexicon.HasContextNear(matches, context.FirstToken, context.FirstToken + context.TokenCount, ContextKind.Election))
            {
                Add(AttackNearElection, context.FirstToken, context.TokenCount);
            }
            if ((context.Kind & ContextKind.Campaign) != 0 && ContestLexicon.HasContextNear(matches, context.FirstToken, context.FirstToken + context.TokenCount, ContextKind.Election))
            {
                Add(CampaignNearElection, context.FirstToken, context.TokenCount);
            }
            var inHashtag = IsHashtagPart(tokens, context.FirstToken);
            for (var k = 0; k < ContextKindNames.Length; k++)
            {
                if (((int)context.Kind & (1 << k)) != 0)
                {
                    Add((inHashtag ? ContextInHashtag : ContextAlone) + k, context.FirstToken, context.TokenCount);
                }
            }
        }

        // The feature of a name on its own at kindBase, then near each context kind in ContextVariants order.
        void AddWithContexts(int kindBase, int firstToken, int tokenCount)
        {
            Add(kindBase, firstToken, tokenCount);
            ReadOnlySpan<ContextKind> kinds = [ContextKind.Election, ContextKind.Support, ContextKind.Attack, ContextKind.Campaign];
            for (var k = 0; k < kinds.Length; k++)
            {
                if (ContestLexicon.HasContextNear(matches, firstToken, firstToken + tokenCount, kinds[k]))
                {
                    Add(kindBase + 1 + k, firstToken, tokenCount);
                }
            }
        }

        void Add(int feature, int firstToken, int tokenCount)
        {
            if ((seen & (1UL << feature)) == 0)
            {
                seen |= 1UL << feature;
                output.Add(new FeatureHit(lexiconBuckets[feature], 1f, FeatureKind.Lexicon, firstToken, tokenCount, feature));
            }
        }
    }

    /// <summary>True when the word at <paramref name="index"/> is one of the parts a hashtag before it was split into.</summary>
    private static bool IsHashtagPart(List<Token> tokens, int index)
    {
        var token = tokens[index];
        for (var j = index - 1; j >= 0 && j >= index - MaxHashtagParts; j--)
        {
            if (tokens[j].Kind == TokenKind.Hashtag)
            {
                return tokens[j].Start <= token.Start && token.End <= tokens[j].End;
            }
        }
        return false;
    }
}
