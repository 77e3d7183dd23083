using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Ports;

/// <summary>A flag that is confirmed or dismissed, with what its review-quality numbers need.</summary>
/// <param name="ModelVersion">The model of the classification that raised the flag.</param>
/// <param name="TimeToDecision">From the flag being raised to the decision that closed it.</param>
public sealed record DecidedFlag(Label Label, string ModelVersion, bool Confirmed, TimeSpan TimeToDecision);

/// <summary>One review decision as the decisions export writes it: who decided what about which flag and person.</summary>
public sealed record DecisionExportRow(
    long DecisionId,
    DateTimeOffset DecidedAt,
    string ReviewerUserName,
    string ReviewerName,
    DecisionKind Kind,
    ViolationCategory? Category,
    string? Reason,
    long FlagId,
    Label Label,
    FlagStatus FlagStatus,
    Nip StaffNip,
    string StaffName,
    string AgencyCode);

/// <summary>Read-only reports over review decisions: the decisions export and the review-quality numbers.</summary>
public interface IReviewReportRepository
{
    /// <summary>Decisions made in [from, to) on flags of the given agencies (null: all), oldest first, read as they stream.</summary>
    IAsyncEnumerable<DecisionExportRow> ListDecisionsAsync(IReadOnlyList<long>? agencyIds, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct = default);

    /// <summary>Flags of the given agencies (null: all) now confirmed or dismissed, by a decision made in [from, to).</summary>
    Task<IReadOnlyList<DecidedFlag>> ListDecidedAsync(IReadOnlyList<long>? agencyIds, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct = default);
}
