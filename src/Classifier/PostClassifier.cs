using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using SocialWatch.Classifier.Features;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Classifier.Model;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Classifier;

/// <summary>
/// The loaded classifier: the model's ML.NET chain (normalise → featurise → linear model) through a prediction
/// engine per thread, then temperature calibration → political anchor and per-label thresholds → explanation.
/// A post is flagged when a flag label (endorse, oppose, campaign) reaches its threshold; the flag label with the
/// highest probability among those is the verdict. Otherwise the more probable of civic and other is.
/// </summary>
public sealed class PostClassifier : IPostClassifier, IDisposable
{
    private const int MaxFeatureSignals = 6;
    private const int MaxSignalTextLength = 200;
    private const int MaxOccurrencesPerEntity = 3;
    private const int MaxEntitySignals = 24;
    private const string NamedPersonDescription = "orang yang disebut namanya, tidak ada di berkas kontestasi: periksa apakah ia calon";
    private const string LoneNumberNote = "; angka berdiri sendiri, tanpa kata pemilu: periksa apakah nomor urut yang dimaksud";

    private readonly ClassifierModel model;
    private readonly double[] thresholds;
    private readonly Label[] labels = [.. LabelNames.All];

    private readonly double everydayAnchorThreshold;
    private readonly double namedPersonAnchorThreshold;
    private readonly double voteDayAnchorThreshold;
    private readonly double loneNumberAnchorThreshold;
    private readonly double voteCallThreshold;
    private readonly bool requirePoliticalAnchor;

    /// <summary>A prediction engine is not thread-safe and costs more to build than thousands of posts: one per thread, reused.</summary>
    private readonly ThreadLocal<Engine> engines;

    /// <param name="thresholds">Per label, in <see cref="LabelNames.All"/> order.</param>
    /// <param name="everydayAnchorThreshold">What a flag label needs when the post's only anchors are everyday words (see <see cref="PoliticalAnchor"/>).</param>
    /// <param name="requirePoliticalAnchor">False only to measure what the anchor rule costs and saves (bench/).</param>
    /// <param name="namedPersonAnchorThreshold">What a flag label needs when the post has no electoral anchor but names a person (see <see cref="NamedPersonCue"/>).</param>
    /// <param name="voteDayAnchorThreshold">What a flag label needs when the post has no electoral anchor but names a vote day (see <see cref="VoteDayCue"/>).</param>
    /// <param name="loneNumberAnchorThreshold">What a flag label needs when the post's only cue is a lone pair-style number (see <see cref="LexiconMatches.LoneNumber"/>).</param>
    public PostClassifier(ClassifierModel model, IReadOnlyList<double> thresholds,
        double everydayAnchorThreshold = ClassifierOptions.DefaultEverydayAnchorThreshold, bool requirePoliticalAnchor = true,
        double namedPersonAnchorThreshold = ClassifierOptions.DefaultNamedPersonAnchorThreshold,
        double voteCallThreshold = ClassifierOptions.DefaultVoteCallThreshold,
        double voteDayAnchorThreshold = ClassifierOptions.DefaultVoteDayAnchorThreshold,
        double loneNumberAnchorThreshold = ClassifierOptions.DefaultLoneNumberAnchorThreshold)
    {
        this.voteDayAnchorThreshold = voteDayAnchorThreshold;
        this.loneNumberAnchorThreshold = loneNumberAnchorThreshold;
        this.everydayAnchorThreshold = everydayAnchorThreshold;
        this.namedPersonAnchorThreshold = namedPersonAnchorThreshold;
        this.voteCallThreshold = voteCallThreshold;
        this.requirePoliticalAnchor = requirePoliticalAnchor;
        this.model = model;
        this.thresholds = [.. thresholds];
        engines = new ThreadLocal<Engine>(() => new Engine(model));
    }

    /// <exception cref="ModelFileException">The model file is missing, corrupt or does not fit the lexicon; the message names the file.</exception>
    /// <exception cref="ContestFileException">A contest lexicon file is invalid; the message names the file and the field.</exception>
    public static PostClassifier Load(ClassifierOptions options) =>
        Load(options, ContestFiles.Load(ClassifierOptions.Resolve(options.LexiconDirectory)));

    /// <summary>With contest files already loaded (one load per process; see <see cref="ContestFiles"/>).</summary>
    public static PostClassifier Load(ClassifierOptions options, ContestFiles contests)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(contests);
        var lexicon = LexiconDirectory.Pair(ClassifierOptions.Resolve(options.LexiconDirectory), contests.Files);
        return FromOptions(ClassifierModel.Load(ClassifierOptions.Resolve(options.ModelPath), lexicon), options);
    }

    /// <summary>A loaded model with the thresholds and anchor settings of <paramref name="options"/>.</summary>
    public static PostClassifier FromOptions(ClassifierModel model, ClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PostClassifier(model, options.ThresholdsByLabel(), options.EverydayAnchorThreshold,
            namedPersonAnchorThreshold: options.NamedPersonAnchorThreshold, voteCallThreshold: options.VoteCallThreshold,
            voteDayAnchorThreshold: options.VoteDayAnchorThreshold, loneNumberAnchorThreshold: options.LoneNumberAnchorThreshold);
    }

    public string ModelVersion => model.Version;

    public ClassifierModel Model => model;

    public void Dispose() => engines.Dispose();

    public ClassificationResult Classify(string text) => Classify(text, regionCode: null);

    /// <summary>
    /// As <see cref="Classify(string)"/>, with the region code of the account's agency when known: a name two
    /// regions' candidates share, or a bare regional ballot number, is then explained as that region's pair
    /// (<see cref="ContestLexicon.Resolve"/>); without it such a name is explained as ambiguous. The verdict does not
    /// depend on the region.
    /// </summary>
    public ClassificationResult Classify(string text, string? regionCode)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<double> probabilities = stackalloc double[ClassifierModel.LabelCount];
        var (buffers, labelIndex, isFlag, cues) = Verdict(text, probabilities);
        model.Featurizer.Pipeline.Lexicon.Resolve(buffers.Tokens, buffers.Matches, regionCode);
        var scores = new Dictionary<Label, double>(ClassifierModel.LabelCount);
        for (var k = 0; k < labels.Length; k++)
        {
            scores[labels[k]] = probabilities[k];
        }
        return new ClassificationResult(labels[labelIndex], isFlag, scores, Explain(text, buffers, labelIndex, cues), model.Version);
    }

    /// <summary>Just the verdict, without building an explanation: for evaluation and benchmarks.</summary>
    public (Label Label, bool IsFlag) Predict(string text, Span<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (_, labelIndex, isFlag, _) = Verdict(text, probabilities);
        return (labels[labelIndex], isFlag);
    }

    /// <summary>The shared path of <see cref="Classify(string, string?)"/> and <see cref="Predict"/>: score, anchor, decide.</summary>
    private (FeatureScratch Buffers, int Label, bool IsFlag, WeakCues Cues) Verdict(string text, Span<double> probabilities)
    {
        var buffers = Score(text, probabilities);
        var (anchor, cues) = Anchor(buffers);
        var (labelIndex, isFlag) = Decide(probabilities, anchor, WeakCueThreshold(cues), buffers.Matches);
        return (buffers, labelIndex, isFlag, cues);
    }

    /// <summary>
    /// Runs the chain on this thread's engine and calibrates its scores. Returns the featuriser's state for this
    /// post (tokens, lexicon matches, feature hits), which the chain's featuriser left on this thread.
    /// </summary>
    private FeatureScratch Score(string text, Span<double> probabilities)
    {
        var engine = engines.Value!;
        engine.Input.Text = text;
        engine.Predictor.Predict(engine.Input, ref engine.Output);
        var buffers = PostFeaturizer.LastPost;
        if (buffers is null || !ReferenceEquals(buffers.Text, text))
        {
            throw new InvalidOperationException("the model's featuriser did not run on this thread for this post");
        }
        model.Calibrate(engine.Output.Score.GetValues(), probabilities);
        return buffers;
    }

    /// <summary>This thread's prediction engine with its reused input and output rows.</summary>
    private sealed class Engine(ClassifierModel model)
    {
        public PredictionEngine<PostText, Scores> Predictor { get; } = model.MLContext.Model.CreatePredictionEngine<PostText, Scores>(model.Transformer);
        public PostText Input { get; } = new();
        // A field: Predict(in, ref out) reuses the output row and its buffers.
        public Scores Output = new();
    }

    /// <summary>The chain's output the verdict needs: the linear model's softmax scores, in label order.</summary>
    public sealed class Scores
    {
        public VBuffer<float> Score { get; set; }
    }

    /// <summary>The post's political anchor and, when that is not electoral, its weak cues.</summary>
    private (PoliticalAnchor Anchor, WeakCues Cues) Anchor(FeatureScratch buffers)
    {
        if (!requirePoliticalAnchor)
        {
            return (PoliticalAnchor.Electoral, WeakCues.None);
        }
        var anchor = buffers.Matches.Anchor;
        return anchor == PoliticalAnchor.Electoral
            ? (anchor, WeakCues.None)
            : (anchor, new WeakCues(NamedPersonCue.Find(buffers.Text!, buffers.Tokens, buffers.Matches),
                model.Featurizer.Pipeline.Lexicon.VoteDays.Find(buffers.Text!, buffers.Tokens), buffers.Matches.LoneNumber));
    }

    /// <summary>
    /// The weak cues of a post without an electoral anchor: the token of a person it names (else -1), its first
    /// mention of a vote day and its lone pair-style number (<see cref="LexiconMatches.LoneNumber"/>), each null when
    /// absent.
    /// </summary>
    private readonly record struct WeakCues(int NamedPerson, VoteDayMention? VoteDay, EntityMatch? LoneNumber)
    {
        public static WeakCues None => new(-1, null, null);
    }

    /// <summary>The lowest bar the cues of a post without an electoral anchor set (above 1: none).</summary>
    private double WeakCueThreshold(in WeakCues cues) => Math.Min(Math.Min(
        cues.NamedPerson >= 0 ? namedPersonAnchorThreshold : double.PositiveInfinity,
        cues.VoteDay is not null ? voteDayAnchorThreshold : double.PositiveInfinity),
        cues.LoneNumber is not null ? loneNumberAnchorThreshold : double.PositiveInfinity);

    /// <summary>
    /// A flag needs something electoral in the post (<see cref="ContestLexicon"/>): a lexicon entity (ambiguous ones
    /// only in election context) or a context word. Everyday posts whose style merely resembles partisan posts ("ga
    /// usah", "jangan", "bukan") are therefore never flagged, and posts anchored only by words everyday talk uses too
    /// ("presiden", "dukung", "tolak") need <see cref="everydayAnchorThreshold"/>. Unknown candidates are still caught
    /// through the words around their names. A post with no electoral anchor that names a person or a vote day, or
    /// writes a pair-style number on its own, needs the lowest bar of those cues, <paramref name="weakCueThreshold"/> (<see cref="WeakCueThreshold"/>: above 1 when
    /// it has none). An explicit call to vote for a known entity needs only <see cref="voteCallThreshold"/> for
    /// endorse (<see cref="ElectoralThreshold"/>).
    /// </summary>
    private (int Label, bool IsFlag) Decide(ReadOnlySpan<double> probabilities, PoliticalAnchor anchor, double weakCueThreshold, LexiconMatches matches)
    {
        var best = -1;
        for (var k = 0; k < labels.Length && (anchor != PoliticalAnchor.None || weakCueThreshold <= 1); k++)
        {
            var needed = anchor == PoliticalAnchor.Electoral
                ? ElectoralThreshold(k, probabilities[k], matches)
                : Math.Max(thresholds[k], WeakAnchorThreshold(anchor, weakCueThreshold));
            if (labels[k].IsFlag() && probabilities[k] >= needed && (best < 0 || probabilities[k] > probabilities[best]))
            {
                best = k;
            }
        }
        if (best >= 0)
        {
            return (best, true);
        }
        var civic = (int)Label.Civic;
        var other = (int)Label.Other;
        return (probabilities[civic] >= probabilities[other] ? civic : other, false);
    }

    /// <summary>
    /// A label's threshold in an electorally anchored post, lowered for endorse when the post calls for a vote for a
    /// known entity ("coblos nomor 3", "pilihlah Pak X nomor 4"). The lexicon is searched only when that changes the
    /// verdict.
    /// </summary>
    private double ElectoralThreshold(int label, double probability, LexiconMatches matches) =>
        labels[label] == Label.Endorse && probability < thresholds[label] && probability >= voteCallThreshold && ContestLexicon.HasVoteCall(matches)
            ? voteCallThreshold
            : thresholds[label];

    /// <summary>What a flag label needs at least when the post has no electoral anchor (above 1: never flagged).</summary>
    private double WeakAnchorThreshold(PoliticalAnchor anchor, double weakCueThreshold) =>
        Math.Min(anchor == PoliticalAnchor.Everyday ? everydayAnchorThreshold : double.PositiveInfinity, weakCueThreshold);

    /// <summary>
    /// The features that pushed the verdict most (word, bigram, a word's character n-grams summed, lexicon features),
    /// each mapped to its span of the original text, then every matched lexicon entity.
    /// </summary>
    private List<Signal> Explain(string text, FeatureScratch buffers, int labelIndex, in WeakCues cues)
    {
        var tokens = buffers.Tokens;
        var features = CollectionsMarshal.AsSpan(buffers.Features);
        // Slots: word n at [n], bigram starting at n at [T + n], characters of n at [2T + n], lexicon hit i at
        // [3T + i - L], where L is the first lexicon hit: the extractor appends them after all n-grams, so the slots
        // of the n-gram hits, which would always be empty, are not cleared and scanned.
        var tokenCount = tokens.Count;
        var firstLexicon = features.Length;
        while (firstLexicon > 0 && features[firstLexicon - 1].Kind == FeatureKind.Lexicon)
        {
            firstLexicon--;
        }
        var slotCount = (3 * tokenCount) + features.Length - firstLexicon;
        var contributions = buffers.ClearedContributions(slotCount);
        var perFeature = buffers.FeatureContributions(features.Length);
        model.Contributions(features, labelIndex, perFeature);
        // A word's character n-grams are consecutive hits of one slot: sum them in a register and store when the
        // slot changes, rather than add through memory (each add waiting for the last one's store). The additions
        // are the same ones in the same order, from the slot's stored value, so the sums are bit-identical.
        var current = -1;
        var sum = 0.0;
        for (var i = 0; i < features.Length; i++)
        {
            ref readonly var feature = ref features[i];
            var slot = feature.Kind switch
            {
                FeatureKind.Word => feature.FirstToken,
                FeatureKind.Bigram => tokenCount + feature.FirstToken,
                FeatureKind.CharGram => (2 * tokenCount) + feature.FirstToken,
                _ => (3 * tokenCount) + i - firstLexicon,
            };
            if (slot != current)
            {
                if (current >= 0)
                {
                    contributions[current] = sum;
                }
                current = slot;
                sum = contributions[slot];
            }
            sum += perFeature[i];
        }
        if (current >= 0)
        {
            contributions[current] = sum;
        }

        // Keep the strongest few positive slots; ties go to the earlier slot so output is stable.
        // A fixed-size local, not stackalloc: a method with stackalloc is compiled once, without tiering's profile.
        var bestSlots = default(BestSlots);
        Span<int> best = bestSlots;
        var found = 0;
        for (var slot = 0; slot < slotCount; slot++)
        {
            var value = contributions[slot];
            if (value <= 0 || (found == MaxFeatureSignals && value <= contributions[best[found - 1]]))
            {
                continue;
            }
            var position = found < MaxFeatureSignals ? found++ : found - 1;
            while (position > 0 && contributions[best[position - 1]] < value)
            {
                best[position] = best[position - 1];
                position--;
            }
            best[position] = slot;
        }

        var label = labels[labelIndex];
        var signals = new List<Signal>(found + buffers.Matches.Entities.Count);
        foreach (var slot in best[..found])
        {
            var (first, count, name) = DescribeSlot(slot, tokens, features[firstLexicon..]);
            var (start, length) = Span(tokens, first, count);
            signals.Add(new Signal("feature", start, length, Excerpt(text, start, length), name, label, Math.Round(contributions[slot], 4)));
        }
        // The weak cues are no features: each is an entity signal, and its description says what the reviewer must check.
        if (cues.NamedPerson is >= 0 and var namedPerson)
        {
            // Whether this person is running: the contest files do not know them.
            AddCue(namedPerson - 1, 2, "person:" + tokens[namedPerson].Text, NamedPersonDescription);
        }
        if (cues.VoteDay is { } day)
        {
            // That the day meant is the vote: months and dates are everyday words too.
            AddCue(day.FirstToken, day.TokenCount, "voteday:" + day.Key, day.Description);
        }
        if (cues.LoneNumber is { } number)
        {
            // That the number is a pair's: "02" is also a class, a queue or a score.
            AddCue(number.FirstToken, number.TokenCount, number.Entity.Key, number.Entity.Description + LoneNumberNote);
        }
        if (buffers.Matches.Entities.Count > 0)
        {
            // A reviewer needs each entity and where it first appears, not every repetition in a long post. At most
            // MaxEntitySignals are kept, so a scan of those already kept is cheaper than a dictionary and a set per post.
            var firstEntity = signals.Count;
            foreach (var match in buffers.Matches.Entities)
            {
                var key = match.Entity.Key;
                var (start, length) = Span(tokens, match.FirstToken, match.TokenCount);
                var seen = 0;
                var sameSpan = false;
                for (var j = firstEntity; j < signals.Count; j++)
                {
                    if (string.Equals(signals[j].Feature, key, StringComparison.Ordinal))
                    {
                        seen++;
                        sameSpan |= signals[j].Start == start;
                    }
                }
                if (seen == MaxOccurrencesPerEntity || sameSpan)
                {
                    continue;
                }
                signals.Add(new Signal("entity", start, length, Excerpt(text, start, length), key, label, 0, match.Entity.Description));
                if (signals.Count - firstEntity == MaxEntitySignals)
                {
                    break;
                }
            }
        }
        return signals;

        void AddCue(int firstToken, int tokenCount, string feature, string description)
        {
            var (start, length) = Span(tokens, firstToken, tokenCount);
            signals.Add(new Signal("entity", start, length, Excerpt(text, start, length), feature, label, 0, description));
        }
    }

    [System.Runtime.CompilerServices.InlineArray(MaxFeatureSignals)]
    private struct BestSlots
    {
        private int first;
    }

    /// <summary>The tokens and readable name of an explanation slot (see <see cref="Explain"/>).</summary>
    private static (int First, int Count, string Name) DescribeSlot(int slot, List<Text.Token> tokens, ReadOnlySpan<FeatureHit> lexiconFeatures)
    {
        var n = tokens.Count;
        if (slot < n)
        {
            return (slot, 1, "w:" + tokens[slot].Text);
        }
        if (slot < 2 * n)
        {
            var first = slot - n;
            return (first, 2, "b:" + tokens[first].Text + " " + tokens[first + 1].Text);
        }
        if (slot < 3 * n)
        {
            return (slot - (2 * n), 1, "c:" + tokens[slot - (2 * n)].Text);
        }
        var hit = lexiconFeatures[slot - (3 * n)];
        return (hit.FirstToken, hit.TokenCount, FeatureExtractor.LexiconFeatureNames[hit.LexiconFeature]);
    }

    private static (int Start, int Length) Span(List<Text.Token> tokens, int first, int count)
    {
        var start = tokens[first].Start;
        var end = tokens[first].End;
        for (var i = first + 1; i < first + count; i++)
        {
            end = Math.Max(end, tokens[i].End);
        }
        return (start, end - start);
    }

    private static string Excerpt(string text, int start, int length) =>
        text.Substring(start, Math.Min(length, MaxSignalTextLength));
}
