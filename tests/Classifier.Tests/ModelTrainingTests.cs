using System.IO.Compression;
using System.Text;
using Microsoft.ML;
using SocialWatch.Classifier.Features;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Classifier.Model;
using SocialWatch.Classifier.Training;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Tests;

public class ModelTrainingTests
{
    private const string Partisan = "Ayo coblos nomor urut 2, Pak Hendra pasti menang";

    [Fact]
    public void Two_trainings_on_the_same_data_and_seed_give_identical_bytes()
    {
        var second = ModelPackage.Serialize(FixtureModel.Train(FixtureModel.Settings));
        Assert.Equal(FixtureModel.Zip, second);
    }

    [Fact]
    public void Another_seed_gives_another_model()
    {
        var other = ModelPackage.Serialize(FixtureModel.Train(FixtureModel.Settings with { Seed = 7 }));
        Assert.NotEqual(FixtureModel.Zip, other);
    }

    [Fact]
    public void Records_the_training_data_hash_label_counts_and_the_zip_hash_as_version()
    {
        var model = FixtureModel.Model;
        Assert.Equal(64, model.Manifest.Data.Sha256.Length);
        Assert.Equal(40, model.Manifest.Data.Rows);
        Assert.All(LabelNames.All, label => Assert.Equal(8, model.Manifest.Data.LabelCounts[label.ToCode()]));
        Assert.Equal(ModelPackage.VersionOf(FixtureModel.Zip), model.Version);
        Assert.StartsWith("mlnet-", model.Version, StringComparison.Ordinal);
        Assert.InRange(model.Temperature, 0.05, 20);
    }

    [Fact]
    public void The_zip_is_an_ml_net_model_with_the_featuriser_by_contract_name()
    {
        using var archive = new ZipArchive(new MemoryStream(FixtureModel.Zip));
        Assert.NotNull(archive.GetEntry(ModelPackage.ManifestEntry));
        // Plain ML.NET loads the chain too, once the featuriser's factory is registered and given a featuriser.
        var ml = new MLContext();
        ml.ComponentCatalog.RegisterAssembly(typeof(PostFeaturesFactory).Assembly);
        using (PostFeaturesFactory.Provide(FixtureModel.Model.Featurizer))
        {
            var chain = ml.Model.Load(new MemoryStream(FixtureModel.Zip), out var schema);
            Assert.NotNull(schema.GetColumnOrNull("Text"));
            Assert.NotNull(chain.GetOutputSchema(schema).GetColumnOrNull("Score"));
        }
    }

    [Fact]
    public void Model_round_trips_through_its_file_with_the_same_verdicts()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sw-model-{Guid.NewGuid():N}.zip");
        try
        {
            ModelPackage.Write(FixtureModel.Zip, path);
            using var reloaded = new PostClassifier(ClassifierModel.Load(path, TestResources.ContestFilesWithPaths), [0.5, 0.5, 0.5, 0.5, 0.5]);
            using var original = FixtureModel.Classifier();
            foreach (var post in LabelledPostReader.Read([TestResources.FixtureCorpus]))
            {
                var before = original.Classify(post.Text);
                var after = reloaded.Classify(post.Text);
                Assert.Equal(before.Scores, after.Scores);
                Assert.Equal(before.Label, after.Label);
                Assert.Equal(before.Signals, after.Signals);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_engine_agrees_with_the_chain_run_over_a_data_view()
    {
        var model = FixtureModel.Model;
        var posts = LabelledPostReader.Read([TestResources.FixtureCorpus]);
        var scored = model.Transformer.Transform(model.MLContext.Data.LoadFromEnumerable(posts.Select(p => new PostText { Text = p.Text })));
        var batch = model.MLContext.Data.CreateEnumerable<PostClassifier.Scores>(scored, reuseRowObject: false).ToList();
        using var classifier = FixtureModel.Classifier();
        var probabilities = new double[ClassifierModel.LabelCount];
        var expected = new double[ClassifierModel.LabelCount];
        for (var i = 0; i < posts.Count; i++)
        {
            classifier.Predict(posts[i].Text, probabilities);
            model.Calibrate(batch[i].Score.GetValues(), expected);
            Assert.Equal(expected, probabilities);
        }
    }

    [Fact]
    public void A_flipped_byte_is_reported_as_corrupt_with_the_file_name()
    {
        var bytes = (byte[])FixtureModel.Zip.Clone();
        bytes[bytes.Length / 3] ^= 0x40;
        var error = Assert.Throws<ModelFileException>(() => FixtureModel.Load(bytes));
        Assert.Contains("fixture.zip", error.Message);
        Assert.Contains("corrupt", error.Message);
    }

    [Fact]
    public void A_truncated_or_foreign_file_is_rejected_naming_it()
    {
        Assert.Contains("'fixture.zip' is corrupt", Assert.Throws<ModelFileException>(() => FixtureModel.Load(FixtureModel.Zip[..^100])).Message);
        Assert.Contains("'fixture.zip' is corrupt", Assert.Throws<ModelFileException>(() => FixtureModel.Load("hello"u8.ToArray())).Message);
        var otherZip = new MemoryStream();
        using (var archive = new ZipArchive(otherZip, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("readme.txt");
        }
        Assert.Contains("not a SocialWatch classifier model", Assert.Throws<ModelFileException>(() => FixtureModel.Load(otherZip.ToArray())).Message);
    }

    [Fact]
    public void A_hand_made_model_of_an_earlier_release_names_the_file_and_the_command()
    {
        var legacy = Encoding.ASCII.GetBytes("SWCLFMDL").Concat(new byte[64]).ToArray();
        var error = Assert.Throws<ModelFileException>(() => FixtureModel.Load(legacy));
        Assert.Contains("'fixture.zip' is a hand-made model of an earlier release", error.Message);
        Assert.Contains("socialwatch model train", error.Message);
    }

    [Fact]
    public void A_model_trained_for_other_labels_is_refused()
    {
        var error = Assert.Throws<ModelFileException>(() => FixtureModel.Load(RewriteManifest(m => m with { Labels = ["yes", "no"] })));
        Assert.Contains("'fixture.zip' was trained for the labels yes, no", error.Message);
    }

    [Fact]
    public void Changed_context_words_name_the_lexicon_file_and_new_contests_do_not_matter()
    {
        var lexicon = TestResources.ContestFilesWithPaths.ToList();
        var index = lexicon.FindIndex(l => l.File.ContextWords is not null);
        var (path, file) = lexicon[index];
        lexicon[index] = (path, file with { ContextWords = file.ContextWords! with { Election = [.. file.ContextWords.Election, "pemungutan ulang"] } });
        var error = Assert.Throws<ModelFileException>(() => ClassifierModel.Load(FixtureModel.Zip, "fixture.zip", lexicon));
        Assert.Contains($"contest lexicon file '{path}' has other context words", error.Message);

        var template = TestResources.ContestFiles.SelectMany(f => f.Contests).First(c => c.Pairs.Count > 0);
        var added = new LexiconFile { Contests = [template with { Id = "pilkada-2029-contoh", Pairs = [template.Pairs[0] with { Aliases = ["budi siti"], Slogans = [], Hashtags = [] }] }] };
        var extended = TestResources.ContestFilesWithPaths.Append((Path.Combine(TestResources.ContestDirectory, "pilkada-2029-contoh.json"), added)).ToList();
        Assert.Equal(FixtureModel.Model.Version, ClassifierModel.Load(FixtureModel.Zip, "fixture.zip", extended).Version);
    }

    [Fact]
    public void A_missing_file_is_named_with_the_command_to_train()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir", "model.zip");
        var error = Assert.Throws<ModelFileException>(() => ClassifierModel.Load(path, TestResources.ContestFilesWithPaths));
        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.Contains(ModelPackage.TrainCommand, error.Message);
    }

    [Fact]
    public void Training_without_a_label_is_refused()
    {
        var posts = new[] { new LabelledPost("1", "coblos nomor 2", Label.Endorse) };
        var error = Assert.Throws<DomainValidationException>(() => ModelTrainer.Train(posts, new string('0', 64), TestResources.Slang, TestResources.ContestFilesWithPaths, FixtureModel.Settings));
        Assert.Contains("oppose", error.Message);
    }

    [Fact]
    public void A_partisan_post_of_the_fixture_is_flagged_with_its_number()
    {
        using var classifier = FixtureModel.Classifier();
        var result = classifier.Classify(Partisan);
        Assert.True(result.IsFlag);
        Assert.Contains(result.Signals, s => s.Feature == "number:2");
    }

    private static byte[] RewriteManifest(Func<ModelManifest, ModelManifest> change)
    {
        var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(FixtureModel.Zip)))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var from = entry.Open();
                var bytes = new MemoryStream();
                from.CopyTo(bytes);
                if (entry.FullName == ModelPackage.ManifestEntry)
                {
                    var manifest = System.Text.Json.JsonSerializer.Deserialize<ModelManifest>(bytes.ToArray(), ModelPackage.Json)!;
                    bytes = new MemoryStream(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(change(manifest), ModelPackage.Json));
                }
                using var to = target.CreateEntry(entry.FullName).Open();
                to.Write(bytes.ToArray());
            }
        }
        return output.ToArray();
    }
}
