using SocialWatch.Classifier.Model;
using SocialWatch.Classifier.Training;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Tests;

public class ModelTrainingTests
{
    [Fact]
    public void Two_trainings_on_the_same_data_and_seed_give_identical_bytes()
    {
        var first = ModelFile.Serialize(FixtureModel.Train(FixtureModel.Settings));
        var second = ModelFile.Serialize(FixtureModel.Train(FixtureModel.Settings));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Another_seed_gives_another_model()
    {
        var first = ModelFile.Serialize(FixtureModel.Model);
        var other = ModelFile.Serialize(FixtureModel.Train(FixtureModel.Settings with { Seed = 7 }));
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Records_the_training_data_hash_and_label_counts()
    {
        var model = FixtureModel.Model;
        Assert.Equal(64, model.Data.Sha256.Length);
        Assert.Equal(40, model.Data.Rows);
        Assert.All(LabelNames.All, label => Assert.Equal(8, model.Data.LabelCounts[label]));
        Assert.StartsWith("lr-1." + model.Data.Sha256[..12], model.Version, StringComparison.Ordinal);
        Assert.InRange(model.Temperature, 0.05, 20);
    }

    [Fact]
    public void Model_round_trips_through_its_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sw-model-{Guid.NewGuid():N}.swm");
        try
        {
            ModelFile.Write(FixtureModel.Model, path);
            var loaded = ModelFile.Read(path);
            Assert.Equal(ModelFile.Serialize(FixtureModel.Model), ModelFile.Serialize(loaded));
            var original = FixtureModel.Classifier().Classify("Ayo coblos nomor urut 2, Pak Hendra pasti menang");
            var reloaded = new PostClassifier(loaded, TestResources.ContestFiles, [0.5, 0.5, 0.5, 0.5, 0.5]).Classify("Ayo coblos nomor urut 2, Pak Hendra pasti menang");
            Assert.Equal(original.Scores, reloaded.Scores);
            Assert.Equal(original.Label, reloaded.Label);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_flipped_byte_is_reported_as_corrupt_with_the_file_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sw-corrupt-{Guid.NewGuid():N}.swm");
        try
        {
            var bytes = ModelFile.Serialize(FixtureModel.Model);
            bytes[bytes.Length / 2] ^= 0x40;
            File.WriteAllBytes(path, bytes);
            var error = Assert.Throws<ModelFileException>(() => ModelFile.Read(path));
            Assert.Contains(path, error.Message);
            Assert.Contains("corrupt", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_truncated_or_foreign_file_is_rejected()
    {
        var bytes = ModelFile.Serialize(FixtureModel.Model);
        Assert.Contains("corrupt", Assert.Throws<ModelFileException>(() => ModelFile.Deserialize(bytes[..^100], "m.swm")).Message);
        Assert.Contains("not a SocialWatch classifier model", Assert.Throws<ModelFileException>(() => ModelFile.Deserialize("hello"u8.ToArray(), "m.swm")).Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir", "model.swm");
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Training_without_a_label_is_refused()
    {
        var posts = new[] { new LabelledPost("1", "coblos nomor 2", Label.Endorse) };
        var error = Assert.Throws<DomainValidationException>(() => ModelTrainer.Train(posts, new string('0', 64), TestResources.Slang, TestResources.ContestFiles, FixtureModel.Settings));
        Assert.Contains("oppose", error.Message);
    }
}
