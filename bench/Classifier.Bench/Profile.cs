using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using SocialWatch.Classifier.Features;
using SocialWatch.Classifier.Model;

namespace SocialWatch.Classifier.Bench;

/// <summary>
/// Stopwatch breakdown of one post's path, single thread, each stage cumulative, plus the designs that were slow
/// (a dense vector per post, a prediction engine per call), measured on the same model.
/// </summary>
internal static class Profile
{
    public static string Breakdown(ClassifierModel model, PostClassifier classifier, string[] texts, int count)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| stage (cumulative) | posts/s (wall) | posts per CPU-second | CPU µs/post |").AppendLine("|---|---:|---:|---:|");
        void Row(string name, (double Wall, double Cpu) rate) => text.AppendLine(c, $"| {name} | {rate.Wall:N0} | {rate.Cpu:N0} | {1e6 / rate.Cpu:0.00} |");

        var scratch = new FeatureScratch();
        var pipeline = model.Featurizer.Pipeline;
        Row("normalise (tokens with spans)", Measure.Rates(texts, count, t => pipeline.Normalizer.Normalize(t, scratch.Tokens)));
        Row("+ contest lexicon matches", Measure.Rates(texts, count, t =>
        {
            pipeline.Normalizer.Normalize(t, scratch.Tokens);
            pipeline.Lexicon.Match(scratch.Tokens, scratch.Matches);
        }));
        Row("+ hashed features (our code)", Measure.Rates(texts, count, t => pipeline.Featurize(t, scratch)));
        var input = new PostText();
        var vector = new PostFeatureVector();
        Row("+ merged, sorted sparse VBuffer (the CustomMapping body)", Measure.Rates(texts, count, t =>
        {
            input.Text = t;
            model.Featurizer.Map(input, vector);
        }));
        var engine = model.MLContext.Model.CreatePredictionEngine<PostText, PostClassifier.Scores>(model.Transformer);
        var output = new PostClassifier.Scores();
        Row("+ ML.NET PredictionEngine over the loaded chain (Predict(in, ref out))", Measure.Rates(texts, count, t =>
        {
            input.Text = t;
            engine.Predict(input, ref output);
        }));
        var probabilities = new double[ClassifierModel.LabelCount];
        Row("+ calibration, anchor, thresholds (`Predict`)", Measure.Rates(texts, count, t => classifier.Predict(t, probabilities)));
        Row("+ explanation from the scoring weights (`Classify`)", Measure.Rates(texts, count, t => classifier.Classify(t)));

        var dense = DenseEngine(model);
        Row($"rejected: the chain with a dense 2^{PostFeaturizer.HashBits} vector per post", Measure.Rates(texts, Math.Max(count / 50, 2_000), t =>
        {
            input.Text = t;
            dense.Predict(input, ref output);
        }));
        Row("rejected: a new PredictionEngine per post", Measure.Rates(texts, 300, t =>
        {
            input.Text = t;
            model.MLContext.Model.CreatePredictionEngine<PostText, PostClassifier.Scores>(model.Transformer).Predict(input, ref output);
        }));
        text.AppendLine();
        return text.ToString();
    }

    /// <summary>The same featuriser and linear model, but the features handed over as a dense vector.</summary>
    private static PredictionEngine<PostText, PostClassifier.Scores> DenseEngine(ClassifierModel model)
    {
        var ml = model.MLContext;
        var densify = ml.Transforms.CustomMapping<PostText, PostFeatureVector>((source, destination) =>
        {
            model.Featurizer.Map(source, destination);
            var values = new float[PostFeaturizer.Dimension];
            destination.Features.CopyTo(values);
            destination.Features = new VBuffer<float>(PostFeaturizer.Dimension, values);
        }, contractName: null).Fit(ml.Data.LoadFromEnumerable(Array.Empty<PostText>()));
        var scorer = ((TransformerChain<ITransformer>)model.Transformer).LastTransformer;
        return ml.Model.CreatePredictionEngine<PostText, PostClassifier.Scores>(densify.Append(scorer));
    }
}

internal sealed record TrainerResult(string Name, double TrainSeconds, QualityResult Quality, double PredictPerSecond);

/// <summary>The trainers the issue asks for, on the same split and featuriser, in one run.</summary>
internal static class TrainerComparison
{
    public static List<TrainerResult> Run(IReadOnlyList<Training.LabelledPost> training, IReadOnlyList<string> trainingFiles, Text.SlangTable slang,
        IReadOnlyList<(string Path, Lexicon.LexiconFile File)> lexicon, TrainingSettings shipped, ClassifierOptions options,
        IReadOnlyList<Training.LabelledPost> heldOut, IReadOnlyList<string> emot, IReadOnlySet<int> emotPartisan)
    {
        var candidates = new List<(string Name, TrainingSettings Settings)>
        {
            ($"LbfgsMaximumEntropy, L2 {shipped.L2} (shipped)", shipped with { Trainer = ClassifierTrainer.LbfgsMaximumEntropy }),
            ("LbfgsMaximumEntropy, ML.NET default L1 = L2 = 1", shipped with { Trainer = ClassifierTrainer.LbfgsMaximumEntropy, L1 = 1, L2 = 1 }),
            ("SdcaMaximumEntropy, L2 1e-4", shipped with { Trainer = ClassifierTrainer.SdcaMaximumEntropy, L1 = 0, L2 = 1e-4f }),
            ($"OneVersusAll (LbfgsLogisticRegression), L2 {shipped.L2}", shipped with { Trainer = ClassifierTrainer.OneVersusAllLogistic }),
        };
        var texts = training.Select(p => p.Text).Concat(heldOut.Select(p => p.Text)).ToArray();
        var results = new List<TrainerResult>();
        foreach (var (name, settings) in candidates)
        {
            var clock = Stopwatch.StartNew();
            var bytes = ModelPackage.Serialize(Training.ModelTrainer.Train(training, Training.LabelledPostReader.Fingerprint(trainingFiles), slang, lexicon, settings));
            var seconds = clock.Elapsed.TotalSeconds;
            using var classifier = PostClassifier.FromOptions(ClassifierModel.Load(bytes, name, lexicon), options);
            var probabilities = new double[ClassifierModel.LabelCount];
            results.Add(new TrainerResult(name, seconds, Quality.Evaluate(classifier, heldOut, emot, emotPartisan),
                Measure.PostsPerSecond(texts, 100_000, t => classifier.Predict(t, probabilities))));
        }
        return results;
    }
}
