using System.Globalization;
using Microsoft.Extensions.Options;
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
/// <remarks>
/// Who decides what (docs/console.md, "Reopen, second review, supervisors"): officers and supervisors of the flag's
/// agency confirm, dismiss, escalate, note and reopen; with <see cref="ReviewOptions.RequireSecondReviewer"/> a
/// confirmation waits for a different officer or supervisor of the agency to agree; an escalated flag is decided by a
/// supervisor alone (confirmed, dismissed, or sent back to the queue). Admins and auditors decide nothing.
/// </remarks>
public sealed class FlagReviewService(IFlagRepository flags, IUserRepository users, IAuditLog audit, TimeProvider clock, IOptions<ReviewOptions> options)
{
    /// <summary>Longest reason or note we store; longer text is refused rather than cut.</summary>
    public const int MaxReasonLength = 4000;

    /// <summary>Most flags one bulk action takes: the largest queue page.</summary>
    public const int MaxBulkFlags = 500;

    public async Task<FlagPage> QueryAsync(ConsoleUser user, FlagQuery query, CancellationToken ct)
    {
        var scoped = Scoped(user, query);
        return scoped.AgencyIds is { Count: 0 }
            ? new FlagPage([], 0, query.Page, query.PageSize)
            : await flags.QueryAsync(scoped, ct);
    }

    /// <summary>Every flag of the filter the user may see (an export), in the queue's order.</summary>
    public IAsyncEnumerable<FlagSummary> ListAllAsync(ConsoleUser user, FlagQuery query, CancellationToken ct)
    {
        var scoped = Scoped(user, query);
        return scoped.AgencyIds is { Count: 0 } ? AsyncEnumerable.Empty<FlagSummary>() : flags.ListAllAsync(scoped, ct);
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
    /// (null keeps the classifier's), on a dismissal civic or other. Both become training examples (docs/learning.md)
    /// once the flag stands decided. Also records reopening, agreeing with and disagreeing with a confirmation.
    /// </summary>
    /// <exception cref="DomainValidationException">
    /// The decision is incomplete, the label does not fit it, the flag's status does not take it (or changed meanwhile),
    /// or the officer agrees with their own confirmation.
    /// </exception>
    public async Task<ReviewDecision?> DecideAsync(ConsoleUser user, long flagId, DecisionKind kind, ViolationCategory? category, string? reason, Label? label, CancellationToken ct)
    {
        RequireReviewer(user);
        if (kind == DecisionKind.Assign)
        {
            return await AssignAsync(user, flagId, user.Id, ct);
        }
        var detail = await FindAsync(user, flagId, ct);
        if (detail is null)
        {
            return null;
        }
        var cleanReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Validate(kind, category, cleanReason, label);
        // A confirmation without a correction confirms the classifier's label: every confirmation names the label it teaches.
        var chosen = kind == DecisionKind.Confirm ? label ?? detail.Flag.Label : label;
        var keptCategory = kind == DecisionKind.Confirm ? category : null;
        var at = clock.GetUtcNow();
        ReviewDecision decision;
        if (kind == DecisionKind.Note)
        {
            decision = await flags.RecordDecisionAsync(flagId, user.Id, kind, null, cleanReason, null, at, ct);
        }
        else
        {
            var (from, to) = Transition(user, detail, kind);
            decision = await flags.RecordTransitionAsync(flagId, user.Id, kind, keptCategory, cleanReason, chosen, from, to, at, ct)
                ?? throw new DomainValidationException("someone else decided this flag meanwhile; read it again");
        }
        var labelDetail = chosen is { } l ? $"label={l.ToCode()}; " : "";
        var details = kind switch
        {
            DecisionKind.Confirm => $"{labelDetail}category={category}; reason={cleanReason}"
                + (options.Value.RequireSecondReviewer ? "; awaiting second review" : ""),
            DecisionKind.Dismiss when chosen is not null => $"{labelDetail}reason={cleanReason}",
            DecisionKind.Reopen => $"from={detail.Flag.Status.ToCode()}; reason={cleanReason}",
            _ => cleanReason,
        };
        await audit.AppendAsync(user.UserName, AuditActions.FlagDecision(kind), Subject(flagId), details, decision.DecidedAt, ct);
        return decision;
    }

    /// <summary>Whether the flag's confirmation awaits this user's agreement: awaiting second review, confirmed by someone else.</summary>
    public static bool CanAgree(ConsoleUser user, FlagDetail detail) =>
        user.Role.ReviewsFlags() && detail.Flag.Status == FlagStatus.AwaitingSecondReview && PendingConfirmation(detail)?.UserId != user.Id;

    /// <summary>The confirmation a flag awaiting second review waits on (its latest).</summary>
    public static ReviewDecision? PendingConfirmation(FlagDetail detail) =>
        detail.Flag.Status == FlagStatus.AwaitingSecondReview ? detail.History.LastOrDefault(h => h.Kind == DecisionKind.Confirm) : null;

    /// <summary>Whether the user may confirm or dismiss the flag now: a waiting flag, an escalated one only for a supervisor.</summary>
    public static bool CanDecide(ConsoleUser user, Flag flag) => DecidableFrom(user).Contains(flag.Status);

    /// <summary>Whether the user may send the flag back to the queue: a decided flag, or (supervisors) an escalated one.</summary>
    public static bool CanReopen(ConsoleUser user, Flag flag) => ReopenableFrom(user).Contains(flag.Status);

    /// <summary>The statuses from which the user may confirm or dismiss: none for a role that does not review.</summary>
    private static IReadOnlyList<FlagStatus> DecidableFrom(ConsoleUser user) => user.Role switch
    {
        Role.Supervisor => [FlagStatus.Open, FlagStatus.InReview, FlagStatus.Escalated],
        Role.Officer => [FlagStatus.Open, FlagStatus.InReview],
        _ => [],
    };

    /// <summary>The statuses from which the user may reopen: none for a role that does not review.</summary>
    private static IReadOnlyList<FlagStatus> ReopenableFrom(ConsoleUser user) => user.Role switch
    {
        Role.Supervisor => [FlagStatus.Confirmed, FlagStatus.Dismissed, FlagStatus.Escalated],
        Role.Officer => [FlagStatus.Confirmed, FlagStatus.Dismissed],
        _ => [],
    };

    /// <summary>The statuses a decision may be taken from, and the status it leads to; refused with the reason why.</summary>
    private (IReadOnlyList<FlagStatus> From, FlagStatus To) Transition(ConsoleUser user, FlagDetail detail, DecisionKind kind)
    {
        var flag = detail.Flag;
        switch (kind)
        {
            case DecisionKind.Confirm or DecisionKind.Dismiss when flag.Status == FlagStatus.Escalated && user.Role != Role.Supervisor:
                throw new DomainValidationException("this flag is escalated: a supervisor of the agency decides it");
            case DecisionKind.Confirm or DecisionKind.Dismiss when flag.Status == FlagStatus.AwaitingSecondReview:
                throw new DomainValidationException("this confirmation awaits a second officer: agree or disagree with it");
            case DecisionKind.Confirm or DecisionKind.Dismiss when !CanDecide(user, flag):
                throw new DomainValidationException($"this flag is already {flag.Status.ToCode()}; reopen it (with a reason) to decide again");
            case DecisionKind.Confirm:
                return (DecidableFrom(user), options.Value.RequireSecondReviewer ? FlagStatus.AwaitingSecondReview : FlagStatus.Confirmed);
            case DecisionKind.Dismiss:
                return (DecidableFrom(user), FlagStatus.Dismissed);
            case DecisionKind.Escalate when flag.Status is not (FlagStatus.Open or FlagStatus.InReview):
                throw new DomainValidationException($"only a waiting flag is escalated; this one is {flag.Status.ToCode()}");
            case DecisionKind.Escalate:
                return ([FlagStatus.Open, FlagStatus.InReview], FlagStatus.Escalated);
            case DecisionKind.Reopen when flag.Status == FlagStatus.Escalated && user.Role != Role.Supervisor:
                throw new DomainValidationException("this flag is escalated: only a supervisor sends it back to the queue");
            case DecisionKind.Reopen when !CanReopen(user, flag):
                throw new DomainValidationException($"only a confirmed or dismissed flag is reopened; this one is {flag.Status.ToCode()}");
            case DecisionKind.Reopen:
                return (ReopenableFrom(user), FlagStatus.Open);
            case DecisionKind.Agree or DecisionKind.Disagree when flag.Status != FlagStatus.AwaitingSecondReview:
                throw new DomainValidationException($"this flag awaits no second review; it is {flag.Status.ToCode()}");
            case DecisionKind.Agree when PendingConfirmation(detail)?.UserId == user.Id:
                throw new DomainValidationException("you confirmed this flag yourself: a second officer of the agency must agree");
            case DecisionKind.Agree:
                return ([FlagStatus.AwaitingSecondReview], FlagStatus.Confirmed);
            case DecisionKind.Disagree:
                return ([FlagStatus.AwaitingSecondReview], FlagStatus.Open);
            default:
                throw new DomainValidationException($"{kind} is not a decision on one flag");
        }
    }

    /// <summary>
    /// Gives a flag to an officer who reviews its agency (the user included), or to nobody (null). Null when the
    /// flag does not exist or is not the user's to see.
    /// </summary>
    /// <exception cref="DomainValidationException">The flag is closed, or the assignee is not an active officer of its agency.</exception>
    public async Task<ReviewDecision?> AssignAsync(ConsoleUser user, long flagId, long? assigneeUserId, CancellationToken ct)
    {
        var result = await DecideManyAsync(user, [flagId], DecisionKind.Assign, null, null, assigneeUserId, ct);
        if (result is null)
        {
            return null;
        }
        return result.Recorded.Count == 1 ? result.Recorded[0] : throw new DomainValidationException("this flag is already closed; add a note instead");
    }

    /// <summary>
    /// One decision per selected flag, each audited: dismiss with one reason and one label (civic or other: what the
    /// posts are instead, so each dismissal becomes a training example as a single one does), assign (or unassign), or
    /// a note. A confirmation is never taken in bulk: each needs its own reading. Null, with nothing recorded, when any
    /// id is missing or not the user's to see; the answer is the same for both, so ids of other agencies reveal nothing.
    /// Flags closed in the meantime keep their decision and are counted as skipped (notes still reach them).
    /// </summary>
    /// <exception cref="DomainValidationException">A confirmation or another kind, no flags or too many, a missing reason, a dismissal without civic or other, or an assignee who cannot take them.</exception>
    public async Task<BulkResult?> DecideManyAsync(ConsoleUser user, IReadOnlyList<long> flagIds, DecisionKind kind, string? reason, Label? label, long? assigneeUserId, CancellationToken ct)
    {
        RequireReviewer(user);
        if (kind is not (DecisionKind.Dismiss or DecisionKind.Assign or DecisionKind.Note))
        {
            throw kind == DecisionKind.Confirm
                ? new DomainValidationException("a confirmation is never taken for several flags at once: confirm each flag on its own page")
                : new DomainValidationException($"{kind} is not a bulk action (dismiss, assign or note)");
        }
        var ids = flagIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            throw new DomainValidationException("select at least one flag");
        }
        if (ids.Length > MaxBulkFlags)
        {
            throw new DomainValidationException($"{ids.Length} flags are selected; one action takes at most {MaxBulkFlags}");
        }
        var cleanReason = string.IsNullOrWhiteSpace(reason) || kind == DecisionKind.Assign ? null : reason.Trim();
        if (cleanReason is { Length: > MaxReasonLength })
        {
            throw new DomainValidationException($"the reason is longer than {MaxReasonLength} characters");
        }
        ReviewDecisionRules.Validate(kind, null, cleanReason, label);
        // A single dismissal may come from an API client that predates labels; a bulk one always comes from the
        // queue's form, which asks, and dozens of dismissals without a label would be lost to learning.
        if (kind == DecisionKind.Dismiss && label is null)
        {
            throw new DomainValidationException("a bulk dismissal needs what the posts are instead: civic or other");
        }

        var states = await flags.GetStatesAsync(ids, ct);
        if (states.Count != ids.Length || states.Any(s => !user.CanSee(s.AgencyId)))
        {
            return null;
        }
        var assignee = kind == DecisionKind.Assign && assigneeUserId is { } assigneeId
            ? await AssigneeAsync(assigneeId, states.Select(s => s.AgencyId).Distinct(), ct)
            : null;

        var decisions = await flags.RecordDecisionsAsync(ids, user.Id, kind, cleanReason, label, assignee?.Id, clock.GetUtcNow(), ct);
        if (decisions.Count > 0)
        {
            var action = kind == DecisionKind.Assign && assignee is null ? AuditActions.FlagUnassigned : AuditActions.FlagDecision(kind);
            var details = kind switch
            {
                DecisionKind.Assign => assignee is null ? null : "assignee=" + assignee.UserName,
                DecisionKind.Dismiss => $"label={label!.Value.ToCode()}; reason={cleanReason}", // as a single dismissal's entry
                _ => cleanReason,
            };
            // The audit says which entries one action wrote, so an auditor reads twenty dismissals as one decision.
            if (ids.Length > 1)
            {
                details = $"bulk of {ids.Length}" + (details is null ? "" : "; " + details);
            }
            await audit.AppendManyAsync(user.UserName, action, [.. decisions.Select(d => (Subject(d.FlagId), details))], decisions[0].DecidedAt, ct);
        }
        return new BulkResult(decisions, ids.Length - decisions.Count);
    }

    /// <summary>The active officers and supervisors who review at least one of the given agencies: whom a flag of them can go to.</summary>
    public async Task<IReadOnlyList<User>> AssignableOfficersAsync(IEnumerable<long> agencyIds, CancellationToken ct)
    {
        var wanted = agencyIds.ToHashSet();
        return [.. (await users.ListAsync(null, ct)).Where(u => u.Role.ReviewsFlags() && u.IsActive && u.AgencyIds.Any(wanted.Contains))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture)];
    }

    /// <summary>The escalated flags of the supervisor's agencies, oldest first, each with the escalation it waits on.</summary>
    public async Task<SupervisorList> SupervisorQueueAsync(ConsoleUser user, int page, int pageSize, CancellationToken ct)
    {
        if (user.Role != Role.Supervisor)
        {
            throw new InvalidOperationException("only supervisors have the supervisor queue; the page's policy should have refused this request");
        }
        var escalated = await QueryAsync(user, new FlagQuery { Statuses = [FlagStatus.Escalated], Sort = FlagSort.OldestFirst, Page = page, PageSize = pageSize }, ct);
        var decisions = await flags.ListDecisionsAsync([.. escalated.Items.Select(i => i.Flag.Id)], ct);
        var escalations = decisions.Where(d => d.Kind == DecisionKind.Escalate).GroupBy(d => d.FlagId).ToDictionary(g => g.Key, g => g.Last());
        return new SupervisorList(escalated, escalations, await users.NamesAsync(escalations.Values.Select(d => d.UserId), ct));
    }

    public static string Subject(long flagId) => "flag:" + flagId.ToString(CultureInfo.InvariantCulture);

    private async Task<User> AssigneeAsync(long userId, IEnumerable<long> agencyIds, CancellationToken ct)
    {
        var user = await users.GetAsync(userId, ct);
        if (user is not { IsActive: true } || !user.Role.ReviewsFlags())
        {
            throw new DomainValidationException("flags can be assigned only to an active officer");
        }
        return agencyIds.All(user.AgencyIds.Contains)
            ? user
            : throw new DomainValidationException($"{user.DisplayName} does not review the agency of every selected flag");
    }

    private static void RequireReviewer(ConsoleUser user)
    {
        if (!user.Role.ReviewsFlags())
        {
            throw new InvalidOperationException("only officers and supervisors decide flags; the route's policy should have refused this request");
        }
    }

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

    private static void Validate(DecisionKind kind, ViolationCategory? category, string? reason, Label? label)
    {
        if (reason is { Length: > MaxReasonLength })
        {
            throw new DomainValidationException($"the reason is longer than {MaxReasonLength} characters");
        }
        ReviewDecisionRules.Validate(kind, kind == DecisionKind.Confirm ? category : null, reason, label);
    }
}

/// <summary>A page of the supervisor queue: the escalated flags, the escalation each waits on (by flag id), and who escalated (by user id).</summary>
public sealed record SupervisorList(FlagPage Flags, IReadOnlyDictionary<long, ReviewDecision> Escalations, IReadOnlyDictionary<long, string> UserNames);

/// <summary>What a bulk action recorded, and how many selected flags it left alone because they were closed meanwhile.</summary>
public sealed record BulkResult(IReadOnlyList<ReviewDecision> Recorded, int Skipped);
