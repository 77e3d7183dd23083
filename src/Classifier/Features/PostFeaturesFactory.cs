using Microsoft.ML.Transforms;

namespace SocialWatch.Classifier.Features;

/// <summary>
/// Lets <c>MLContext.Model.Load</c> rebuild the featuriser transform of a saved model from its contract name.
/// ML.NET creates this factory itself (parameterless), so the featuriser it hands out — built from the slang table
/// and vocabulary stored in the model and the contest lexicon of this host — is provided around the load call by
/// <see cref="Provide"/>.
/// </summary>
[CustomMappingFactoryAttribute(PostFeaturizer.ContractName)]
public sealed class PostFeaturesFactory : CustomMappingFactory<PostText, PostFeatureVector>
{
    private static readonly AsyncLocal<PostFeaturizer?> Current = new();

    /// <summary>Makes <paramref name="featurizer"/> the one models loaded in this scope use.</summary>
    public static IDisposable Provide(PostFeaturizer featurizer)
    {
        var previous = Current.Value;
        Current.Value = featurizer;
        return new Scope(previous);
    }

    public override Action<PostText, PostFeatureVector> GetMapping()
    {
        var featurizer = Current.Value
            ?? throw new InvalidOperationException($"a model using {PostFeaturizer.ContractName} is loaded outside {nameof(PostFeaturesFactory)}.{nameof(Provide)}");
        return featurizer.Map;
    }

    private sealed class Scope(PostFeaturizer? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
