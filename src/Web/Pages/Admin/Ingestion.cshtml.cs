using SocialWatch.Core.Ports;

namespace SocialWatch.Web.Pages.Admin;

/// <summary>What ingestion could not finish: posts the classifier failed on, and payloads a connector could not map.</summary>
public sealed class IngestionModel(IPostRepository posts) : ConsolePageModel
{
    private const int Shown = 200;

    public IngestionProblemCounts Counts { get; private set; } = new(0, 0);

    public IReadOnlyList<FailedClassification> Failures { get; private set; } = [];

    public IReadOnlyList<QuarantinedItem> Quarantine { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Counts = await posts.CountIngestionProblemsAsync(ct);
        Failures = await posts.ListClassificationFailuresAsync(Shown, ct);
        Quarantine = await posts.ListQuarantineAsync(Shown, ct);
    }
}
