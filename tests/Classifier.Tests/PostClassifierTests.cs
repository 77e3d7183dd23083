using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Tests;

public class PostClassifierTests
{
    [Fact]
    public void Flags_a_call_to_vote_and_explains_it_with_spans_and_the_pair()
    {
        const string text = "Tanggal 27 jangan lupa coblos nomor urut 2 ya, Pak Hendra pasti menang!";
        var result = FixtureModel.Classifier().Classify(text);
        Assert.True(result.IsFlag);
        Assert.Equal(Label.Endorse, result.Label);
        Assert.Equal(1.0, result.Scores.Values.Sum(), 6);
        var features = result.Signals.Where(s => s.Kind == "feature").ToList();
        Assert.NotEmpty(features);
        Assert.All(features, s =>
        {
            Assert.Equal(text.Substring(s.Start, s.Length), s.Text);
            Assert.True(s.Weight > 0);
        });
        var number = Assert.Single(result.Signals, s => s.Feature == "number:2");
        Assert.Equal("2", number.Text);
        Assert.Contains("nomor urut 2", number.Entity);
    }

    [Fact]
    public void Explanations_are_the_scoring_weights_times_the_features_centred_on_the_label_mean()
    {
        var model = FixtureModel.Model;
        Assert.True(model.ExplainsWithScoringWeights, "ML.NET's dense scoring weights were not found: explanations fall back to a copy");
        var last = ((Microsoft.ML.Data.TransformerChain<Microsoft.ML.ITransformer>)model.Transformer).LastTransformer;
        var parameters = (Microsoft.ML.Trainers.MaximumEntropyModelParameters)((Microsoft.ML.ISingleFeaturePredictionTransformer<object>)last).Model;
        Microsoft.ML.Data.VBuffer<float>[] weights = [];
        parameters.GetWeights(ref weights, out _);
        var scratch = new Features.FeatureScratch();
        model.Featurizer.Pipeline.Featurize("Ayo coblos nomor urut 2, Pak Hendra pasti menang", scratch);
        foreach (var feature in scratch.Features)
        {
            var values = weights.Select(w => (double)w.GetItemOrDefault(feature.Bucket)).ToArray();
            for (var label = 0; label < Model.ClassifierModel.LabelCount; label++)
            {
                var expected = feature.Value * (values[label] - values.Average()) / model.Temperature;
                Assert.Equal(expected, model.Contribution(feature, label), 6);
            }
        }
    }

    [Fact]
    public void Does_not_flag_everyday_posts_from_training()
    {
        var classifier = FixtureModel.Classifier();
        Assert.False(classifier.Classify("Antre di poli gigi dapat nomor 2, lumayan cepat").IsFlag);
        Assert.False(classifier.Classify("Makan bakso dulu ah, laper bangeeet").IsFlag);
    }

    [Fact]
    public void A_post_without_any_electoral_word_is_never_flagged()
    {
        // The fixture model leans "oppose" on "jangan"; without an election word the gate keeps it unflagged.
        var result = FixtureModel.Classifier().Classify("jangan jangan jangan bohong semua");
        Assert.False(result.IsFlag);
        Assert.False(result.Label.IsFlag());
    }

    [Fact]
    public void A_post_anchored_only_by_everyday_words_needs_the_everyday_threshold()
    {
        const string text = "jangan jangan presiden bohong semua";
        // Thresholds so low that any flag label passes: what remains is the everyday-anchor rule.
        var thresholds = Enumerable.Repeat(0.01, 5).ToArray();
        var lenient = new PostClassifier(FixtureModel.Model, thresholds, everydayAnchorThreshold: 0.01).Classify(text);
        Assert.True(lenient.IsFlag);
        var probability = lenient.Scores[lenient.Label];
        var strict = new PostClassifier(FixtureModel.Model, thresholds, everydayAnchorThreshold: Math.Min(1, probability + 0.01)).Classify(text);
        Assert.False(strict.IsFlag);
        Assert.Equal(lenient.Scores, strict.Scores);
    }

    /// <summary>
    /// A weak cue's bar decides: the post is flagged at a bar of 0.01 and not at one just above its score, which the
    /// bar does not change. Returns the flagged verdict.
    /// </summary>
    private static ClassificationResult AssertFlaggedOnlyAtTheBar(string text, Func<double, PostClassifier> withBar)
    {
        var lenient = withBar(0.01).Classify(text);
        Assert.True(lenient.IsFlag);
        var strict = withBar(Math.Min(1, lenient.Scores[lenient.Label] + 0.01)).Classify(text);
        Assert.False(strict.IsFlag);
        Assert.Equal(lenient.Scores, strict.Scores);
        return lenient;
    }

    [Fact]
    public void A_post_that_names_a_person_but_no_election_needs_the_named_person_threshold()
    {
        const string text = "Sabtu sore tatap muka bareng Pak Rozali di aula, hadir ya";
        var thresholds = Enumerable.Repeat(0.01, 5).ToArray();
        var lenient = AssertFlaggedOnlyAtTheBar(text, bar => new PostClassifier(FixtureModel.Model, thresholds, namedPersonAnchorThreshold: bar));
        var person = Assert.Single(lenient.Signals, s => s.Feature.StartsWith("person:", StringComparison.Ordinal));
        Assert.Equal("entity", person.Kind);
        Assert.Equal("Pak Rozali", person.Text);
        Assert.Equal(text.Substring(person.Start, person.Length), person.Text);
        Assert.Contains("periksa apakah ia calon", person.Entity);

        // Without a name in title case the post has no anchor at all, whatever the thresholds.
        var unnamed = new PostClassifier(FixtureModel.Model, thresholds, namedPersonAnchorThreshold: 0.01).Classify(text.Replace("Pak Rozali", "pak rozali", StringComparison.Ordinal));
        Assert.False(unnamed.IsFlag);
        Assert.DoesNotContain(unnamed.Signals, s => s.Feature.StartsWith("person:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_post_that_names_a_vote_day_but_no_election_needs_the_vote_day_threshold()
    {
        const string text = "udah jelas kan, tgl 27 jangan ragu, tetap yg lama";
        var thresholds = Enumerable.Repeat(0.01, 5).ToArray();
        var lenient = AssertFlaggedOnlyAtTheBar(text, bar => new PostClassifier(FixtureModel.Model, thresholds, voteDayAnchorThreshold: bar));
        var day = Assert.Single(lenient.Signals, s => s.Feature.StartsWith("voteday:", StringComparison.Ordinal));
        Assert.Equal("entity", day.Kind);
        Assert.Equal("tgl 27", day.Text);
        Assert.Equal("voteday:tanggal 27", day.Feature);
        Assert.Equal(text.Substring(day.Start, day.Length), day.Text);
        Assert.Contains("27 November 2024", day.Entity);
        Assert.Contains("periksa apakah tentang pemilihan", day.Entity);

        // A day no loaded contest votes on is no cue, whatever the thresholds.
        var otherDay = new PostClassifier(FixtureModel.Model, thresholds, voteDayAnchorThreshold: 0.01).Classify(text.Replace("27", "26", StringComparison.Ordinal));
        Assert.False(otherDay.IsFlag);
        Assert.DoesNotContain(otherDay.Signals, s => s.Feature.StartsWith("voteday:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_post_whose_only_cue_is_a_lone_pair_number_needs_the_lone_number_threshold()
    {
        const string text = "gw sih ogah bgt 02, ntar nyesel 🙄";
        var thresholds = Enumerable.Repeat(0.01, 5).ToArray();
        var lenient = AssertFlaggedOnlyAtTheBar(text, bar => new PostClassifier(FixtureModel.Model, thresholds, loneNumberAnchorThreshold: bar));
        var number = Assert.Single(lenient.Signals, s => s.Kind == "entity");
        Assert.Equal("02", number.Text);
        Assert.Equal("number:2", number.Feature);
        Assert.Equal(text.Substring(number.Start, number.Length), number.Text);
        Assert.Contains("periksa apakah nomor urut", number.Entity);

        // A time, and a number not written as pairs are ("2"), are no cue, whatever the thresholds.
        foreach (var everyday in new[] { text.Replace("02", "jam 02", StringComparison.Ordinal), text.Replace("02", "2", StringComparison.Ordinal) })
        {
            var verdict = new PostClassifier(FixtureModel.Model, thresholds, loneNumberAnchorThreshold: 0.01).Classify(everyday);
            Assert.False(verdict.IsFlag);
            Assert.DoesNotContain(verdict.Signals, s => s.Kind == "entity");
        }
    }

    [Theory]
    [InlineData("pokoknya kami tetep sama bapak sampe 17 April", "April")]
    [InlineData("cukup sekali aja ya pak, april kita ganti", "april")]
    [InlineData("jgn ketipu lagi bulan nopember", "nopember")]
    [InlineData("tgl 27 jangan ragu, tetap yg lama", "tgl 27")]
    [InlineData("Tanggal 14 kita tentukan bersama", "Tanggal 14")]
    [InlineData("tanggal 5 gajian, alhamdulillah", null)]
    [InlineData("ultah ke 27, makasih doanya", null)]
    [InlineData("bulan juni liburan ke pantai", null)]
    public void Finds_a_vote_day_of_the_loaded_contests(string text, string? mention)
    {
        var scratch = new Features.FeatureScratch();
        FixtureModel.Model.Featurizer.Pipeline.Featurize(text, scratch);
        var found = FixtureModel.Model.Featurizer.Pipeline.Lexicon.VoteDays.Find(text, scratch.Tokens);
        Assert.Equal(mention, found is { } day
            ? text[scratch.Tokens[day.FirstToken].Start..scratch.Tokens[day.FirstToken + day.TokenCount - 1].End]
            : null);
    }

    [Fact]
    public void Vote_days_come_from_the_contest_files()
    {
        var cue = new Lexicon.VoteDayCue([
            new Lexicon.ContestEntry { Id = "pilkada-2029-x", Name = "Pilkada 2029 X", VoteDate = new DateOnly(2029, 6, 9) },
            new Lexicon.ContestEntry { Id = "psu-2030-y", Name = "PSU 2030 Y", VoteDate = new DateOnly(2030, 1, 12) }]);
        var normalizer = new Text.TextNormalizer(TestResources.Slang, []);
        Lexicon.VoteDayMention? Find(string text) => cue.Find(text, normalizer.Normalize(text));
        Assert.Contains("9 Juni 2029: Pilkada 2029 X", Find("bulan juni jangan salah pilih")?.Description);
        Assert.Contains("tanggal pemungutan suara", Find("tgl 9 jangan lupa")?.Description);
        Assert.Null(Find("17 april kita ganti"));
        Assert.Null(Find("tgl 27 jangan ragu"));
        Assert.Contains("12 Januari 2030: PSU 2030 Y", Find("januari kita ganti")?.Description);
    }

    [Fact]
    public void A_call_to_vote_for_a_known_entity_needs_only_the_vote_call_threshold_for_endorse()
    {
        // Flag labels out of reach (1.0) except through the vote-call rule.
        double[] unreachable = [1.0, 1.0, 1.0, 0.5, 0.5];
        const string call = "jangan lupa coblos nomor urut 2 ya";
        var lenient = new PostClassifier(FixtureModel.Model, unreachable, voteCallThreshold: 0.01).Classify(call);
        Assert.True(lenient.IsFlag);
        Assert.Equal(Label.Endorse, lenient.Label);
        Assert.Contains(lenient.Signals, s => s.Feature == "number:2");

        var strict = new PostClassifier(FixtureModel.Model, unreachable, voteCallThreshold: Math.Min(1, lenient.Scores[Label.Endorse] + 0.01)).Classify(call);
        Assert.False(strict.IsFlag);

        // An election word with nothing the contest files know beside it is no call for anyone.
        var noEntity = new PostClassifier(FixtureModel.Model, unreachable, voteCallThreshold: 0.01).Classify("jangan lupa coblos ya");
        Assert.False(noEntity.IsFlag);
    }

    [Theory]
    [InlineData("tim Pak Rozali sedang mendata warga", "Rozali")]
    [InlineData("Tgk. Muslem Ali ceramah di meunasah", "Muslem")]
    [InlineData("Hj. Fatimah datang ke pengajian", "Fatimah")]
    [InlineData("Semoga sehat selalu, Daeng Malewa", "Malewa")]
    [InlineData("Pembagian kaos Sudiarta gelombang terakhir", "Sudiarta")]
    [InlineData("pak [USERNAME] kapan libur", null)]
    [InlineData("Adalah bapak yang setia mendampingi ibu. Adalah bapak yg lucu", null)]
    [InlineData("Baju bapak? Tapi nanti tidak bisa dipakai", null)]
    [InlineData("BU RT minta iuran", null)]
    [InlineData("Pak, Budi sudah datang", null)]
    public void Finds_a_person_named_after_a_form_of_address(string text, string? name)
    {
        var scratch = new Features.FeatureScratch();
        FixtureModel.Model.Featurizer.Pipeline.Featurize(text, scratch);
        var found = Lexicon.NamedPersonCue.Find(text, scratch.Tokens, scratch.Matches);
        Assert.Equal(name, found < 0 ? null : text.Substring(scratch.Tokens[found].Start, scratch.Tokens[found].Length));
    }

    [Fact]
    public void A_threshold_of_one_flags_nothing()
    {
        var result = FixtureModel.Classifier(threshold: 1.0).Classify("Ayo dukung paslon 1 Bu Ratna jadi bupati");
        Assert.False(result.IsFlag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("😀🔥🙏🏻")]
    [InlineData("\ud800\udc00\ud800")]
    public void Odd_texts_classify_without_flagging(string text)
    {
        var result = FixtureModel.Classifier().Classify(text);
        Assert.False(result.IsFlag);
        Assert.Equal(5, result.Scores.Count);
    }

    [Fact]
    public void A_one_megabyte_post_is_classified()
    {
        var text = string.Concat(Enumerable.Repeat("makan siang di kantin bareng teman ", 30_000));
        var result = FixtureModel.Classifier().Classify(text);
        Assert.False(result.IsFlag);
        Assert.All(result.Signals, s => Assert.InRange(s.Start + s.Length, 0, text.Length));
    }

    [Fact]
    public void Classifies_concurrently_with_the_same_answers()
    {
        var classifier = FixtureModel.Classifier();
        var texts = File.ReadLines(TestResources.FixtureCorpus).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToArray();
        var expected = texts.Select(t => classifier.Classify(t).Scores[Label.Endorse]).ToArray();
        var actual = new double[texts.Length];
        Parallel.For(0, texts.Length * 20, i => actual[i % texts.Length] = classifier.Classify(texts[i % texts.Length]).Scores[Label.Endorse]);
        Assert.Equal(expected, actual);
    }
}
