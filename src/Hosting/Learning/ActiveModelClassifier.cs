using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialWatch.Classifier;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Hosting.Learning;

/// <summary>
/// The <see cref="IPostClassifier"/> of a host: the active model of the models table (the one activated last), or the
/// shipped Classifier:ModelPath while none is. <see cref="RefreshAsync"/> swaps in a newly activated model without a
/// restart; a post is classified wholly by one model, and its classification row records which (flags keep the model
/// version that raised them).
/// </summary>
public sealed class ActiveModelClassifier : IPostClassifier, IDisposable
{
    private readonly PostClassifier shipped;
    private readonly IModelRegistry registry;
    private readonly IOptions<ClassifierOptions> options;
    private readonly ContestFiles contests;
    private readonly ILogger<ActiveModelClassifier> logger;
    private readonly Lock swap = new();
    private PostClassifier current;
    /// <summary>The model replaced last: a thread may still be inside it, so it is disposed only at the next swap.</summary>
    private PostClassifier? retired;
    /// <summary>A version that failed to load is not retried until the active version changes (one error, not one per poll).</summary>
    private string? failedVersion;

    public ActiveModelClassifier(PostClassifier shipped, IModelRegistry registry, IOptions<ClassifierOptions> options, ContestFiles contests, ILogger<ActiveModelClassifier> logger)
    {
        this.shipped = shipped;
        this.registry = registry;
        this.options = options;
        this.contests = contests;
        this.logger = logger;
        current = shipped;
    }

    public string ModelVersion => Volatile.Read(ref current).ModelVersion;

    public PostClassifier Current => Volatile.Read(ref current);

    public ClassificationResult Classify(string text, string? regionCode) => Volatile.Read(ref current).Classify(text, regionCode);

    /// <summary>Loads the active model when it differs from the one in use. Returns true when the model changed.</summary>
    public async Task<bool> RefreshAsync(CancellationToken ct)
    {
        ModelRecord? active;
        try
        {
            active = await registry.GetActiveAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ModelCheckFailed(logger, ex, ModelVersion, ex.Message);
            return false;
        }
        var wanted = active?.Version ?? shipped.ModelVersion;
        if (wanted == ModelVersion || wanted == failedVersion)
        {
            return false;
        }
        PostClassifier next;
        if (active is null || active.Version == shipped.ModelVersion)
        {
            next = shipped;
        }
        else
        {
            try
            {
                next = PostClassifier.Load(options.Value.WithModel(active.FilePath), contests);
            }
            catch (Exception ex) when (ex is Classifier.Model.ModelFileException or InvalidDataException or IOException)
            {
                failedVersion = active.Version;
                Log.ModelReloadFailed(logger, ex, active.Version, active.FilePath, ModelVersion, ex.Message);
                return false;
            }
        }
        Swap(next);
        return true;
    }

    private void Swap(PostClassifier next)
    {
        PostClassifier old;
        lock (swap)
        {
            old = current;
            Volatile.Write(ref current, next);
            failedVersion = null;
            if (retired is { } older && !ReferenceEquals(older, shipped) && !ReferenceEquals(older, next))
            {
                older.Dispose();
            }
            retired = old;
        }
        Log.ModelReloaded(logger, old.ModelVersion, next.ModelVersion);
    }

    public void Dispose()
    {
        lock (swap)
        {
            foreach (var model in new[] { current, retired }.Distinct())
            {
                if (model is not null && !ReferenceEquals(model, shipped))
                {
                    model.Dispose();
                }
            }
        }
    }
}
