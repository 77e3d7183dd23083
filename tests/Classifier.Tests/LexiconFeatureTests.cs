using SocialWatch.Classifier.Features;

namespace SocialWatch.Classifier.Tests;

public class LexiconFeatureTests
{
    private static List<string> LexiconFeatures(string text)
    {
        var pipeline = new FeaturePipeline(TestResources.Normalizer, TestResources.Lexicon, new FeatureExtractor(PostFeaturizer.HashBits, 0.5));
        var scratch = new FeatureScratch();
        pipeline.Featurize(text, scratch);
        return [.. scratch.Features.Where(f => f.Kind == FeatureKind.Lexicon).Select(f => FeatureExtractor.LexiconFeatureNames[f.LexiconFeature])];
    }

    [Fact]
    public void A_stance_word_is_a_feature_on_its_own_without_an_election_word()
    {
        Assert.Contains("lex:attack", LexiconFeatures("lengserkan Darmawan! jalan desa bolong2 kayak kolam lele"));
        Assert.Contains("lex:support", LexiconFeatures("smoga sehat trs pak Darmawan, sampe dilantik lagi taun depan"));
    }

    [Fact]
    public void A_stance_word_inside_a_hashtag_is_its_own_feature_even_when_everyday_talk_uses_it()
    {
        var features = LexiconFeatures("latihan futsal malem ini, kaki pegel semua #DarmawanLanjut");
        Assert.Contains("lex:hashtag_part+support", features);
        Assert.DoesNotContain("lex:support", features);
    }

    [Fact]
    public void The_stance_features_do_not_depend_on_the_everyday_tier()
    {
        // "lanjut" is in the everyday tier; the tier moves the anchor (admins edit it without retraining), never the features.
        Assert.Equal(["lex:support"], LexiconFeatures("lanjut nonton drakor sampe jam 2 pagi"));
        Assert.Empty(LexiconFeatures("nasi goreng kambing enak banget"));
    }

    [Fact]
    public void A_person_named_after_a_form_of_address_is_a_feature_with_the_stance_words_near_them()
    {
        Assert.Equal(["lex:person", "lex:person+attack", "lex:attack"], LexiconFeatures("Pak Waluyo tuh cuma pencitraan, tiap ada kamera baru turun ke sawah"));
        Assert.DoesNotContain("lex:person", LexiconFeatures("artis itu cuma pencitraan, tiap ada kamera baru turun ke sawah"));
        // A lexicon entity is already a feature of its own kind: no second feature for the same name.
        Assert.DoesNotContain("lex:person", LexiconFeatures("Pak Prabowo blusukan ke pasar"));
    }
}
