using Microsoft.ML.Data;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Classifier.Text;

namespace SocialWatch.Classifier.Features;

/// <summary>The input row of the featuriser transform: the post's original text.</summary>
public sealed class PostText
{
    public string Text { get; set; } = "";
}

/// <summary>The output row of the featuriser transform: hashed n-gram and lexicon features as a sparse vector.</summary>
public sealed class PostFeatureVector
{
    [VectorType(PostFeaturizer.Dimension)]
    public VBuffer<float> Features { get; set; }
}

/// <summary>
/// Our normaliser, contest lexicon and feature extractor as the body of an ML.NET <c>CustomMapping</c>
/// (<see cref="PostFeaturesFactory"/>): text in, a sparse vector of <see cref="Dimension"/> slots out, holding only
/// the post's own features (a dense vector of 2^17 floats per post would cost more than everything else together).
/// The working state of the last post mapped on each thread (tokens with spans, lexicon matches, feature hits) stays
/// readable through <see cref="LastPost"/>, so the classifier explains a verdict without featurising the post twice.
/// </summary>
public sealed class PostFeaturizer
{
    /// <summary>Names the transform in saved models; a change of hashing or feature layout needs a new name.</summary>
    public const string ContractName = "SocialWatch.PostFeatures.v2";

    public const int HashBits = 17;

    /// <summary>Slots of the feature vector; a constant because ML.NET's vector column needs its size at compile time.</summary>
    public const int Dimension = 1 << HashBits;

    [ThreadStatic]
    private static ThreadState? state;

    public PostFeaturizer(SlangTable slang, IEnumerable<string> vocabulary, IReadOnlyList<LexiconFile> lexiconFiles, double charGramWeight)
    {
        Pipeline = FeaturePipeline.Create(slang, vocabulary, lexiconFiles, HashBits, charGramWeight);
    }

    public FeaturePipeline Pipeline { get; }

    /// <summary>What the last <see cref="Map"/> on this thread saw and produced; null before the first.</summary>
    public static FeatureScratch? LastPost => state?.Scratch;

    /// <summary>The mapping action: featurise one post into <paramref name="output"/>'s sparse vector, reusing its buffers.</summary>
    public void Map(PostText input, PostFeatureVector output)
    {
        var thread = state ??= new ThreadState();
        var scratch = thread.Scratch;
        Pipeline.Featurize(input.Text, scratch);
        scratch.Text = input.Text;

        // A sparse VBuffer needs strictly increasing indices: radix-sort the hits by bucket (two passes of 9 and
        // 8 bits; a comparison sort or a dense per-bucket accumulator cost more than the rest of the chain), then
        // merge repeated buckets (a word twice, hash collisions).
        var hits = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scratch.Features);
        thread.Reserve(hits.Length);
        var keys = thread.Keys.AsSpan(0, hits.Length);
        var values = thread.Values.AsSpan(0, hits.Length);
        for (var i = 0; i < hits.Length; i++)
        {
            keys[i] = hits[i].Bucket;
            values[i] = hits[i].Value;
        }
        var spareKeys = thread.SpareKeys.AsSpan(0, hits.Length);
        var spareValues = thread.SpareValues.AsSpan(0, hits.Length);
        // Both digits' histograms in one pass, into per-thread counters (a stackalloc'd or Span.Clear'ed counter
        // array is zeroed by a memset call that, measured, cost more than the rest of the featuriser).
        var low = thread.LowCounts;
        var high = thread.HighCounts;
        low.AsSpan().Clear();
        high.AsSpan().Clear();
        foreach (var key in keys)
        {
            low[key & LowMask]++;
            high[key >> LowBits]++;
        }
        RadixPass(keys, values, spareKeys, spareValues, low, shift: 0, mask: LowMask);
        RadixPass(spareKeys, spareValues, keys, values, high, shift: LowBits, mask: (1 << (HashBits - LowBits)) - 1);

        var count = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (count > 0 && keys[count - 1] == keys[i])
            {
                values[count - 1] += values[i];
            }
            else
            {
                keys[count] = keys[i];
                values[count] = values[i];
                count++;
            }
        }
        var features = output.Features;
        var editor = VBufferEditor.Create(ref features, Dimension, count, keepOldOnResize: false, requireIndicesOnDense: true);
        values[..count].CopyTo(editor.Values);
        keys[..count].CopyTo(editor.Indices);
        output.Features = editor.Commit();
    }

    private const int LowBits = 9;
    private const int LowMask = (1 << LowBits) - 1;

    /// <summary>One stable counting-sort pass over the digit (key &gt;&gt; shift) &amp; mask, given that digit's histogram.</summary>
    private static void RadixPass(ReadOnlySpan<int> keys, ReadOnlySpan<float> values, Span<int> sortedKeys, Span<float> sortedValues, int[] counts, int shift, int mask)
    {
        var total = 0;
        for (var digit = 0; digit < counts.Length; digit++)
        {
            (counts[digit], total) = (total, total + counts[digit]);
        }
        for (var i = 0; i < keys.Length; i++)
        {
            var position = counts[(keys[i] >> shift) & mask]++;
            sortedKeys[position] = keys[i];
            sortedValues[position] = values[i];
        }
    }

    private sealed class ThreadState
    {
        public FeatureScratch Scratch { get; } = new();

        public int[] Keys { get; private set; } = new int[1024];
        public float[] Values { get; private set; } = new float[1024];
        public int[] SpareKeys { get; private set; } = new int[1024];
        public float[] SpareValues { get; private set; } = new float[1024];
        public int[] LowCounts { get; } = new int[1 << LowBits];
        public int[] HighCounts { get; } = new int[1 << (HashBits - LowBits)];

        public void Reserve(int length)
        {
            if (Keys.Length < length)
            {
                var size = Math.Max(length, Keys.Length * 2);
                (Keys, Values, SpareKeys, SpareValues) = (new int[size], new float[size], new int[size], new float[size]);
            }
        }
    }
}
