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
    public const string ContractName = "SocialWatch.PostFeatures.v1";

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

        // Merge repeated buckets (a word twice, hash collisions) and sort them: a sparse VBuffer needs strictly
        // increasing indices.
        var touched = thread.Touched;
        var sums = thread.Sums;
        var count = 0;
        foreach (var feature in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scratch.Features))
        {
            if (sums[feature.Bucket] == 0)
            {
                touched[count++] = feature.Bucket;
            }
            sums[feature.Bucket] += feature.Value;
        }
        var indices = touched.AsSpan(0, count);
        indices.Sort();
        var features = output.Features;
        var editor = VBufferEditor.Create(ref features, Dimension, count, keepOldOnResize: false, requireIndicesOnDense: false);
        for (var i = 0; i < count; i++)
        {
            var bucket = indices[i];
            editor.Values[i] = sums[bucket];
            if (count < Dimension)
            {
                editor.Indices[i] = bucket;
            }
            sums[bucket] = 0;
        }
        output.Features = editor.Commit();
    }

    private sealed class ThreadState
    {
        public FeatureScratch Scratch { get; } = new();

        /// <summary>Feature value per bucket while one post is merged; every entry is back to zero afterwards.</summary>
        public float[] Sums { get; } = new float[Dimension];

        public int[] Touched { get; } = new int[Dimension];
    }
}
