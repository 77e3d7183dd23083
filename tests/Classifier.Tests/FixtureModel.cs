using SocialWatch.Classifier.Model;
using SocialWatch.Classifier.Training;

namespace SocialWatch.Classifier.Tests;

/// <summary>A small model trained once from Fixtures/corpus.jsonl (40 posts) with a small hash space, so tests stay fast.</summary>
internal static class FixtureModel
{
    public static TrainingSettings Settings { get; } = new() { HashBits = 14, Epochs = 10 };

    private static readonly Lazy<ClassifierModel> Trained = new(() => Train(Settings));

    public static ClassifierModel Model => Trained.Value;

    public static ClassifierModel Train(TrainingSettings settings)
    {
        var files = LabelledPostReader.ResolveFiles(TestResources.FixtureCorpus);
        return ModelTrainer.Train(LabelledPostReader.Read(files), LabelledPostReader.Fingerprint(files), TestResources.Slang, TestResources.ContestFiles, settings);
    }

    public static PostClassifier Classifier(double threshold = 0.5) =>
        new(Model, TestResources.ContestFiles, Enumerable.Repeat(threshold, ClassifierModel.LabelCount).ToArray());
}
