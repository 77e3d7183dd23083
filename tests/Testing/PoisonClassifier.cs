using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Testing;

/// <summary>
/// Fault injection for the ingestion paths: the real classifier, except that it throws on any text containing
/// <see cref="Marker"/> while <see cref="Poisoned"/> is set, the way a model or lexicon bug throws on one post.
/// <see cref="ChangeModel"/> stands for deploying a fixed model.
/// </summary>
public sealed class PoisonClassifier(IPostClassifier inner) : IPostClassifier
{
    public const string Marker = "☠racun☠";

    private string? changedVersion;

    public bool Poisoned { get; private set; } = true;

    public string ModelVersion => changedVersion ?? inner.ModelVersion;

    public ClassificationResult Classify(string text, string? regionCode)
    {
        if (Poisoned && text.Contains(Marker, StringComparison.Ordinal))
        {
            throw new KeyNotFoundException("The given key '0' was not present in the dictionary.");
        }
        var result = inner.Classify(text, regionCode);
        return changedVersion is null ? result : result with { ModelVersion = changedVersion };
    }

    /// <summary>From now on the classifier reads every post, under a new model version.</summary>
    public void ChangeModel(string version)
    {
        changedVersion = version;
        Poisoned = false;
    }
}
