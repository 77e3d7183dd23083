using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Digest;

/// <summary>What one officer's digest covers: new flags in [CoveredFrom, CoveredTo), the backlog, the overdue items.</summary>
public sealed record OfficerDigest(
    User Officer,
    DateOnly PeriodDate,
    DateTimeOffset CoveredFrom,
    DateTimeOffset CoveredTo,
    IReadOnlyList<(Label Label, string AgencyName, int Count)> NewByLabelAndAgency,
    int NewCount,
    IReadOnlyList<FlagSummary> Top,
    int OpenBacklog,
    IReadOnlyList<FlagSummary> Overdue)
{
    public bool IsEmpty => NewCount == 0 && OpenBacklog == 0;

    /// <summary>Idempotency key of the outbox message: one digest per officer per period.</summary>
    public string OutboxKey => $"digest:{Officer.Id}:{PeriodDate:yyyy-MM-dd}";
}
