using System.Runtime.InteropServices;
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
/// the post's own features (a dense vector of 2^16 floats per post would cost more than everything else together).
/// The working state of the last post mapped on each thread (tokens with spans, lexicon matches, feature hits) stays
/// readable through <see cref="LastPost"/>, so the classifier explains a verdict without featurising the post twice.
/// </summary>
public sealed class PostFeaturizer
{
    /// <summary>Names the transform in saved models; a change of hashing or feature layout needs a new name.</summary>
    public const string ContractName = "SocialWatch.PostFeatures.v3";

    public const int HashBits = 16;

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
        // merge repeated buckets (a word twice, hash collisions). Bucket and value travel packed in one ulong
        // (bucket in the high half), so each pass moves one array, not two.
        var hits = CollectionsMarshal.AsSpan(scratch.Features);
        thread.Reserve(hits.Length);
        var entries = thread.Entries.AsSpan(0, hits.Length);
        var spare = thread.SpareEntries.AsSpan(0, hits.Length);
        // Both digits' histograms in the packing pass, into per-thread counters (a stackalloc'd or Span.Clear'ed
        // counter array is zeroed by a memset call that, measured, cost more than the rest of the featuriser).
        var low = thread.LowCounts;
        var high = thread.HighCounts;
        low.AsSpan().Clear();
        high.AsSpan().Clear();
        for (var i = 0; i < hits.Length; i++)
        {
            var key = hits[i].Bucket;
            entries[i] = ((ulong)(uint)key << 32) | BitConverter.SingleToUInt32Bits(hits[i].Value);
            low[key & LowMask]++;
            high[key >> LowBits]++;
        }
        RadixPass(entries, spare, low, shift: 32, mask: LowMask);
        RadixPass(spare, entries, high, shift: 32 + LowBits, mask: (1 << (HashBits - LowBits)) - 1);

        var keys = thread.Keys.AsSpan(0, hits.Length);
        var values = thread.Values.AsSpan(0, hits.Length);
        var count = 0;
        foreach (var entry in entries)
        {
            var key = (int)(entry >> 32);
            var value = BitConverter.UInt32BitsToSingle((uint)entry);
            if (count > 0 && keys[count - 1] == key)
            {
                values[count - 1] += value;
            }
            else
            {
                keys[count] = key;
                values[count] = value;
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

    /// <summary>One stable counting-sort pass over the digit (entry &gt;&gt; shift) &amp; mask, given that digit's histogram.</summary>
    private static void RadixPass(ReadOnlySpan<ulong> entries, Span<ulong> sorted, int[] counts, int shift, int mask)
    {
        var total = 0;
        for (var digit = 0; digit < counts.Length; digit++)
        {
            (counts[digit], total) = (total, total + counts[digit]);
        }
        foreach (var entry in entries)
        {
            sorted[counts[(int)(entry >> shift) & mask]++] = entry;
        }
    }

    private sealed class ThreadState
    {
        public FeatureScratch Scratch { get; } = new();

        public ulong[] Entries { get; private set; } = new ulong[1024];
        public ulong[] SpareEntries { get; private set; } = new ulong[1024];
        public int[] Keys { get; private set; } = new int[1024];
        public float[] Values { get; private set; } = new float[1024];
        public int[] LowCounts { get; } = new int[1 << LowBits];
        public int[] HighCounts { get; } = new int[1 << (HashBits - LowBits)];

        public void Reserve(int length)
        {
            if (Keys.Length < length)
            {
                var size = Math.Max(length, Keys.Length * 2);
                (Entries, SpareEntries, Keys, Values) = (new ulong[size], new ulong[size], new int[size], new float[size]);
            }
        }
    }
}
