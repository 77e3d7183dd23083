using SocialWatch.Core.Learning;
using SocialWatch.Core.Ports;

namespace SocialWatch.Web.Pages.Admin;

/// <summary>
/// The models table: every model the service used or considered, newest first, with its data counts, the gate's
/// measurements against the model it was compared with, and why it was promoted or not. Rollback is
/// <c>socialwatch model activate VERSION</c> (it loads the file before switching), not a button here.
/// </summary>
public sealed class ModelsModel(IModelRegistry registry, IPostClassifier classifier) : ConsolePageModel
{
    public IReadOnlyList<(ModelRecord Model, GateMetrics? Metrics)> Models { get; private set; } = [];

    /// <summary>The model this node classifies with now (it follows the active one within Learning:ReloadSeconds).</summary>
    public string Serving => classifier.ModelVersion;

    public long? ActiveId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ActiveId = (await registry.GetActiveAsync(ct))?.Id;
        Models = [.. (await registry.ListAsync(ct)).Select(m => (m, GateMetrics.Parse(m.Metrics)))];
    }
}
