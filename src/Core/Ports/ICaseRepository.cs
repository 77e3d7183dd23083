using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Ports;

/// <summary>One case in a stage list: the person, their agency, and when the case last moved.</summary>
/// <param name="LastStepDate">The date of the latest step; null for a case still to clarify.</param>
public sealed record CaseSummary(long StaffId, Nip Nip, string StaffName, long AgencyId, string AgencyName, CaseStage Stage, DateOnly? LastStepDate);

/// <summary>The steps of cases after a confirmation (clarification, response, forwarding, outcome). Append-only.</summary>
public interface ICaseRepository
{
    /// <summary>Appends a step to the person's case; the agency recorded is the person's agency now.</summary>
    /// <exception cref="DomainValidationException">No such staff member.</exception>
    Task<CaseStep> AddStepAsync(long staffId, long userId, CaseStepInput step, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>The person's steps, oldest first.</summary>
    Task<IReadOnlyList<CaseStep>> ListStepsAsync(long staffId, CancellationToken ct = default);

    /// <summary>
    /// How many cases are in each stage, for the given agencies (null: all): each person with a step counts in the stage
    /// of their latest step, each person with a confirmed flag and no step as <see cref="CaseStage.ToClarify"/>.
    /// </summary>
    Task<IReadOnlyDictionary<CaseStage, int>> CountByStageAsync(IReadOnlyList<long>? agencyIds, CancellationToken ct = default);

    /// <summary>The cases in one stage for the given agencies (null: all), the longest-waiting first.</summary>
    Task<IReadOnlyList<CaseSummary>> ListByStageAsync(IReadOnlyList<long>? agencyIds, CaseStage stage, int limit, CancellationToken ct = default);
}
