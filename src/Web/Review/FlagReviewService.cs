using System.Globalization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Review;

/// <summary>
/// The one way pages and API routes reach flags. Every call takes the signed-in user and applies their agency
/// scope here, so an officer who edits an id in a URL or form gets "not found" for another agency's flag,
/// whatever page or route they came through.
/// </summary>
public sealed class FlagReviewService(IFlagRepository flags, IAuditLog audit, TimeProvider clock)
{
    /// <summary>Longest reason or note we store; longer text is refused rather than cut.</summary>
    public const int MaxReasonLength = 4000;

    public async Task<FlagPage> QueryAsync(ConsoleUser user, FlagQuery query, CancellationToken ct)
    {
        var scoped = Scoped(user, query);
        return scoped.AgencyIds is { Count: 0 }
            ? new FlagPage([], 0, query.Page, query.PageSize)
            : await flags.QueryAsync(scoped, ct);
    }

    public async Task<IReadOnlyDictionary<FlagStatus, int>> CountByStatusAsync(ConsoleUser user, FlagQuery query, CancellationToken ct)
    {
        var scoped = Scoped(user, query);
        return scoped.AgencyIds is { Count: 0 }
            ? new Dictionary<FlagStatus, int>()
            : await flags.CountByStatusAsync(scoped, ct);
    }

    /// <summary>The flag if it exists and the user may see it; each successful view is audited.</summary>
    public async Task<FlagDetail?> ViewAsync(ConsoleUser user, long flagId, CancellationToken ct)
    {
        var detail = await FindAsync(user, flagId, ct);
        if (detail is not null)
        {
            await audit.AppendAsync(user.UserName, AuditActions.FlagViewed, Subject(flagId), null, clock.GetUtcNow(), ct);
        }
        return detail;
    }

    /// <summary>The case report of a confirmed flag the user may see; null otherwise. Audited.</summary>
    public async Task<FlagDetail?> CaseReportAsync(ConsoleUser user, long flagId, CancellationToken ct)
    {
        var detail = await FindAsync(user, flagId, ct);
        if (detail is null || detail.Flag.Status != FlagStatus.Confirmed)
        {
            return null;
        }
        await audit.AppendAsync(user.UserName, AuditActions.CaseReportViewed, Subject(flagId), null, clock.GetUtcNow(), ct);
        return detail;
    }

    /// <summary>The status of a flag the user may see, without auditing a view (why a case report is not there); null otherwise.</summary>
    public async Task<FlagStatus?> VisibleStatusAsync(ConsoleUser user, long flagId, CancellationToken ct) =>
        (await FindAsync(user, flagId, ct))?.Flag.Status;

    /// <summary>Records an officer's decision. Null when the flag does not exist or is not theirs to see.</summary>
    /// <exception cref="DomainValidationException">The decision is incomplete or the flag is already closed.</exception>
    public Task<ReviewDecision?> DecideAsync(ConsoleUser user, long flagId, DecisionKind kind, ViolationCategory? category, string? reason, CancellationToken ct) =>
        DecideAsync(user, flagId, kind, category, reason, label: null, ct);

    /// <summary>
    /// As the other overload, with the label the officer chose: on a confirmation a correction of the flag's label
    /// (null keeps the classifier's), on a dismissal civic or other. Both become training examples (docs/learning.md).
    /// </summary>
    /// <exception cref="DomainValidationException">The decision is incomplete, the label does not fit it, or the flag is already closed.</exception>
    public async Task<ReviewDecision?> DecideAsync(ConsoleUser user, long flagId, DecisionKind kind, ViolationCategory? category, string? reason, Label? label, CancellationToken ct)
    {
        if (user.Role != Role.Officer)
        {
            throw new InvalidOperationException("only officers decide flags; the route's policy should have refused this request");
        }
        var detail = await FindAsync(user, flagId, ct);
        if (detail is null)
        {
            return null;
        }
        var cleanReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Validate(detail.Flag, kind, category, cleanReason, label);
        // A confirmation without a correction confirms the classifier's label: every confirmation names the label it teaches.
        var chosen = kind == DecisionKind.Confirm ? label ?? detail.Flag.Label : label;
        var decision = await flags.RecordDecisionAsync(flagId, user.Id, kind, kind == DecisionKind.Confirm ? category : null, cleanReason, chosen, clock.GetUtcNow(), ct);
        var labelDetail = chosen is { } l ? $"label={l.ToCode()}; " : "";
        var details = kind == DecisionKind.Confirm ? $"{labelDetail}category={category}; reason={cleanReason}" : kind == DecisionKind.Dismiss && chosen is not null ? $"{labelDetail}reason={cleanReason}" : cleanReason;
        await audit.AppendAsync(user.UserName, AuditActions.FlagDecision(kind), Subject(flagId), details, decision.DecidedAt, ct);
        return decision;
    }

    public static string Subject(long flagId) => "flag:" + flagId.ToString(CultureInfo.InvariantCulture);

    private async Task<FlagDetail?> FindAsync(ConsoleUser user, long flagId, CancellationToken ct)
    {
        var detail = await flags.GetDetailAsync(flagId, ct);
        return detail is not null && user.CanSee(detail.Agency.Id) ? detail : null;
    }

    /// <summary>The agencies a user's dashboards and lists cover: their own for officers, all (null) otherwise.</summary>
    internal static FlagQuery Scoped(ConsoleUser user, FlagQuery query)
    {
        if (user.AgencyScope is not { } scope)
        {
            return query;
        }
        // An officer's filter can narrow their agencies, never widen them.
        var agencies = query.AgencyIds is { } requested ? requested.Where(scope.Contains).ToArray() : scope.ToArray();
        return query with { AgencyIds = agencies };
    }

    private static void Validate(Flag flag, DecisionKind kind, ViolationCategory? category, string? reason, Label? label)
    {
        if (reason is { Length: > MaxReasonLength })
        {
            throw new DomainValidationException($"the reason is longer than {MaxReasonLength} characters");
        }
        ReviewDecisionRules.Validate(kind, kind == DecisionKind.Confirm ? category : null, reason, label);
        // A closed flag keeps its decision; later thoughts go in as notes so the history stays readable.
        if (kind != DecisionKind.Note && flag.Status is FlagStatus.Confirmed or FlagStatus.Dismissed)
        {
            throw new DomainValidationException($"this flag is already {flag.Status.ToCode()}; add a note instead");
        }
    }
}
