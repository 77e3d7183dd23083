using SocialWatch.Classifier.Features;
using SocialWatch.Classifier.Text;

namespace SocialWatch.Classifier.Tests;

public class FeatureVectorTests
{
    private const double CharGramWeight = 0.5;

    private static readonly PostFeaturizer Featurizer = new(TestResources.Slang, ["ganti", "presiden", "pilih"], TestResources.ContestFiles, CharGramWeight);

    [Theory]
    [InlineData("Ayo coblos nomor 2! coblos coblos, #GantiPresiden2019 ✌️ https://t.co/x")]
    [InlineData("wkwkwk gak bakal pilih dia lagi, dukung paslon 01 aja")]
    [InlineData("x")]
    public void The_vector_holds_each_bucket_once_in_increasing_order_with_its_hits_summed(string text)
    {
        var output = new PostFeatureVector();
        Featurizer.Map(new PostText { Text = text }, output);
        var hits = PostFeaturizer.LastPost!.Features;

        // The reference: group the hits by bucket, summing in the order they were found (as the merge does).
        var expected = hits.GroupBy(h => h.Bucket).OrderBy(g => g.Key)
            .Select(g => (Bucket: g.Key, Value: g.Aggregate(0f, (sum, h) => sum + h.Value)))
            .ToList();
        var indices = output.Features.GetIndices().ToArray();
        var values = output.Features.GetValues().ToArray();
        Assert.Equal(PostFeaturizer.Dimension, output.Features.Length);
        Assert.Equal(expected.Select(e => e.Bucket), indices);
        Assert.Equal(expected.Select(e => e.Value), values);
    }

    [Fact]
    public void Every_n_gram_counts_one_over_the_root_of_their_number_and_character_n_grams_less()
    {
        var scratch = new FeatureScratch();
        Featurizer.Pipeline.Featurize("pilih nomor dua", scratch);
        var nGrams = scratch.Features.Where(f => f.Kind != FeatureKind.Lexicon).ToList();
        // Three words, two bigrams and, for each word of L letters, L 3-grams and L − 1 4-grams of "<word>".
        var letters = scratch.Tokens.Where(t => t.Kind == TokenKind.Word).Sum(t => (2 * t.Text.Length) - 1);
        Assert.Equal(3 + 2 + letters, nGrams.Count);
        var scale = (float)(1 / Math.Sqrt(nGrams.Count));
        Assert.All(nGrams, f => Assert.Equal(f.Kind == FeatureKind.CharGram ? scale * (float)CharGramWeight : scale, f.Value));
    }
}
