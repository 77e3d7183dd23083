using System.Numerics;
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

        // A sparse VBuffer needs strictly increasing indices, and repeated buckets (a word twice, hash collisions)
        // merged. The hits are summed into a per-thread dense array whose touched slots a two-level bitmap marks;
        // walking the bitmap's set bits yields the slots in increasing order, and only the touched words are cleared
        // again. (A radix sort of the hits cost a quarter more, a comparison sort several times more.) Sums run in hit
        // order, starting from the first value, as a stable sort followed by a merge would add them.
        var hits = CollectionsMarshal.AsSpan(scratch.Features);
        var sums = thread.Sums;
        var touched = thread.Touched;
        var touchedWords = thread.TouchedWords;
        var count = 0;
        foreach (ref readonly var hit in hits)
        {
            var key = hit.Bucket;
            var word = key >> 6;
            var bit = 1UL << key;
            if ((touched[word] & bit) == 0)
            {
                touched[word] |= bit;
                touchedWords[word >> 6] |= 1UL << word;
                sums[key] = hit.Value;
                count++;
            }
            else
            {
                sums[key] += hit.Value;
            }
        }
        var features = output.Features;
        var editor = VBufferEditor.Create(ref features, Dimension, count, keepOldOnResize: false, requireIndicesOnDense: true);
        var indices = editor.Indices;
        var values = editor.Values;
        var next = 0;
        for (var summary = 0; summary < touchedWords.Length; summary++)
        {
            var words = touchedWords[summary];
            touchedWords[summary] = 0;
            while (words != 0)
            {
                var word = (summary << 6) | BitOperations.TrailingZeroCount(words);
                words &= words - 1;
                var bits = touched[word];
                touched[word] = 0;
                while (bits != 0)
                {
                    var key = (word << 6) | BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    indices[next] = key;
                    values[next] = sums[key];
                    next++;
                }
            }
        }
        output.Features = editor.Commit();
    }

    private sealed class ThreadState
    {
        public FeatureScratch Scratch { get; } = new();

        /// <summary>Sum of the hits per slot; only slots marked in <see cref="Touched"/> hold this post's values.</summary>
        public float[] Sums { get; } = new float[Dimension];

        /// <summary>One bit per slot: hit by this post.</summary>
        public ulong[] Touched { get; } = new ulong[Dimension / 64];

        /// <summary>One bit per word of <see cref="Touched"/>: that word is non-zero.</summary>
        public ulong[] TouchedWords { get; } = new ulong[Dimension / 64 / 64];
    }
}
