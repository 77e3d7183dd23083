using SocialWatch.Classifier.Model;
using SocialWatch.Classifier.Training;

namespace SocialWatch.Classifier.Tests;

/// <summary>A small ML.NET model trained once from Fixtures/corpus.jsonl (40 posts) and loaded from its zip bytes, as a host would.</summary>
internal static class FixtureModel
{
    public static TrainingSettings Settings { get; } = new();

    private static readonly Lazy<byte[]> Trained = new(() => ModelPackage.Serialize(Train(Settings)));

    private static readonly Lazy<ClassifierModel> Loaded = new(() => Load(Zip));

    /// <summary>The fixture model's zip bytes.</summary>
    public static byte[] Zip => Trained.Value;

    public static ClassifierModel Model => Loaded.Value;

    public static TrainedModel Train(TrainingSettings settings)
    {
        var files = LabelledPostReader.ResolveFiles(TestResources.FixtureCorpus);
        return ModelTrainer.Train(LabelledPostReader.Read(files), LabelledPostReader.Fingerprint(files), TestResources.Slang, TestResources.ContestFilesWithPaths, settings);
    }

    public static ClassifierModel Load(byte[] zip) => ClassifierModel.Load(zip, "fixture.zip", TestResources.ContestFilesWithPaths);

    public static PostClassifier Classifier(double threshold = 0.5) =>
        new(Model, Enumerable.Repeat(threshold, ClassifierModel.LabelCount).ToArray(), voteCallThreshold: threshold);
}
