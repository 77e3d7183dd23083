using System.Globalization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Review;

/// <summary>
/// The employee's case file: a person (by NIP) with every watched account, every flag across accounts and platforms,
/// the decisions on them and a timeline; and the case report over several of their confirmed flags. Scoped like
/// <see cref="FlagReviewService"/>: an officer asking for a person of another agency gets "not found".
/// </summary>
public sealed class CaseFileService(IStaffRepository staff, IAgencyRepository agencies, IAccountRepository accounts, IFlagRepository flags,
    IUserRepository users, ICaseRepository cases, IAuditLog audit, ReadingTimeZone zone, TimeProvider clock)
{
    /// <summary>The case file if the person exists and the user may see them; each view is audited.</summary>
    /// <exception cref="DomainValidationException">The text is not a well-formed NIP.</exception>
    public async Task<CaseFile?> OpenAsync(ConsoleUser user, string? nip, CancellationToken ct)
    {
        var file = await LoadAsync(user, Nip.Parse(nip), ct);
        if (file is not null)
        {
            await audit.AppendAsync(user.UserName, AuditActions.CaseFileViewed, Subject(file.Staff.Nip), null, clock.GetUtcNow(), ct);
        }
        return file;
    }

    /// <summary>
    /// The report over the person's confirmed flags: those named, or all of them when none is named. Null when the
    /// person is not the user's to see. Audited with the flags it covers.
    /// </summary>
    /// <exception cref="DomainValidationException">A bad NIP, a named flag that is not this person's or not confirmed, or nothing confirmed.</exception>
    public async Task<CaseReport?> ReportAsync(ConsoleUser user, string? nip, IReadOnlyList<long> flagIds, string format, CancellationToken ct)
    {
        var file = await LoadAsync(user, Nip.Parse(nip), ct);
        if (file is null)
        {
            return null;
        }
        var byId = file.Flags.ToDictionary(f => f.Flag.Id);
        foreach (var id in flagIds)
        {
            if (!byId.TryGetValue(id, out var summary))
            {
                throw new DomainValidationException($"flag {id} is not one of this person's flags");
            }
            if (summary.Flag.Status != FlagStatus.Confirmed)
            {
                throw new DomainValidationException($"flag {id} is {summary.Flag.Status.ToCode()}; only confirmed flags go into a case report");
            }
        }
        var chosen = flagIds.Count > 0
            ? flagIds.Distinct().ToList()
            : file.Flags.Where(f => f.Flag.Status == FlagStatus.Confirmed).OrderBy(f => f.PostCreatedAt).Select(f => f.Flag.Id).ToList();
        if (chosen.Count == 0)
        {
            throw new DomainValidationException("this person has no confirmed flag to report");
        }
        var details = new List<FlagDetail>();
        foreach (var id in chosen)
        {
            details.Add(await flags.GetDetailAsync(id, ct) ?? throw new InvalidDataException($"flag {id} vanished while the report was built"));
        }
        var now = clock.GetUtcNow();
        await audit.AppendAsync(user.UserName, AuditActions.CaseFileReportViewed, Subject(file.Staff.Nip),
            $"format={format}; flags={string.Join(",", chosen)}", now, ct);
        return new CaseReport(file, [.. details.OrderBy(d => d.FlaggedPost.CreatedAt)], now);
    }

    /// <summary>
    /// Records a step of the person's case (an officer's act outside SocialWatch: nothing is sent). Null when the person
    /// is not the officer's to see. Audited with the step's date and what it carries.
    /// </summary>
    /// <exception cref="DomainValidationException">A bad NIP, or a step that is incomplete or does not fit the case.</exception>
    public async Task<CaseStep?> RecordStepAsync(ConsoleUser user, string? nip, CaseStepInput step, CancellationToken ct)
    {
        if (!user.Role.ReviewsFlags())
        {
            throw new InvalidOperationException("only officers and supervisors record case steps; the page should have refused this request");
        }
        var file = await LoadAsync(user, Nip.Parse(nip), ct);
        if (file is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        CaseStepRules.Validate(step, file.Steps, file.Flags.Any(f => f.Flag.Status == FlagStatus.Confirmed), zone.Day(now));
        var recorded = await cases.AddStepAsync(file.Staff.Id, user.Id, step, now, ct);
        var details = string.Join("; ", new[]
        {
            "date=" + recorded.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            recorded.Reference is { } reference ? "reference=" + reference : null,
            recorded.Recipient is { } recipient ? "recipient=" + recipient.ToCode() : null,
            recorded.Outcome is { } outcome ? "outcome=" + outcome.ToCode() : null,
            recorded.Text is { } text ? "text=" + text : null,
        }.Where(p => p is not null));
        await audit.AppendAsync(user.UserName, AuditActions.CaseStep(step.Kind), Subject(file.Staff.Nip), details, now, ct);
        return recorded;
    }

    /// <summary>
    /// The clarification letter to print: the person, their confirmed posts, and the latest recorded request's date and
    /// reference (blank lines to fill in by hand when none is recorded yet). Null when the person is not the user's to
    /// see. Audited.
    /// </summary>
    /// <exception cref="DomainValidationException">A bad NIP, or nothing confirmed to ask about.</exception>
    public async Task<ClarificationLetter?> LetterAsync(ConsoleUser user, string? nip, CancellationToken ct)
    {
        var file = await LoadAsync(user, Nip.Parse(nip), ct);
        if (file is null)
        {
            return null;
        }
        var confirmed = file.Flags.Where(f => f.Flag.Status == FlagStatus.Confirmed).OrderBy(f => f.PostCreatedAt).ToList();
        if (confirmed.Count == 0)
        {
            throw new DomainValidationException("this person has no confirmed flag to ask about");
        }
        var request = file.Steps.LastOrDefault(s => s.Kind == CaseStepKind.ClarificationRequested);
        var details = new List<FlagDetail>();
        foreach (var summary in confirmed)
        {
            details.Add(await flags.GetDetailAsync(summary.Flag.Id, ct) ?? throw new InvalidDataException($"flag {summary.Flag.Id} vanished while the letter was built"));
        }
        await audit.AppendAsync(user.UserName, AuditActions.CaseLetterViewed, Subject(file.Staff.Nip),
            request is null ? "blank" : "reference=" + request.Reference, clock.GetUtcNow(), ct);
        return new ClarificationLetter(file, request, details);
    }

    public static string Subject(Nip nip) => "staff:" + nip.Value;

    private async Task<CaseFile?> LoadAsync(ConsoleUser user, Nip nip, CancellationToken ct)
    {
        var member = await staff.FindByNipAsync(nip, ct);
        if (member is null || !user.CanSee(member.AgencyId))
        {
            return null;
        }
        var agency = await agencies.GetAsync(member.AgencyId, ct) ?? throw new InvalidDataException($"staff {member.Id} points to missing agency {member.AgencyId}");
        var theirAccounts = await accounts.ListByStaffAsync(member.Id, ct);
        var theirFlags = await flags.ListByStaffAsync(member.Id, user.AgencyScope, ct);
        var decisions = await flags.ListDecisionsAsync([.. theirFlags.Select(f => f.Flag.Id)], ct);
        var steps = await cases.ListStepsAsync(member.Id, ct);
        var names = await users.NamesAsync(decisions.Select(d => d.UserId).Concat(steps.Select(s => s.UserId)), ct);
        return new CaseFile(member, agency, theirAccounts, theirFlags, decisions, names, steps);
    }
}

/// <summary>What the case file page shows. <see cref="Flags"/> are newest first; <see cref="Decisions"/> and <see cref="Steps"/> oldest first.</summary>
public sealed record CaseFile(
    StaffMember Staff,
    Agency Agency,
    IReadOnlyList<WatchedAccount> Accounts,
    IReadOnlyList<FlagSummary> Flags,
    IReadOnlyList<ReviewDecision> Decisions,
    IReadOnlyDictionary<long, string> UserNames,
    IReadOnlyList<CaseStep> Steps)
{
    /// <summary>Where the case stands: the stage of the latest step, "to clarify" with a confirmed flag and no step, otherwise none.</summary>
    public CaseStage? Stage => Steps.Count > 0 ? Steps[^1].Stage
        : Flags.Any(f => f.Flag.Status == FlagStatus.Confirmed) ? CaseStage.ToClarify : null;

    /// <summary>No step may follow an outcome.</summary>
    public bool IsClosed => Stage == CaseStage.Closed;

    public ILookup<long, ReviewDecision> DecisionsByFlag { get; } = Decisions.ToLookup(d => d.FlagId);

    public string UserName(long id) => UserNames.GetValueOrDefault(id, "#" + id);

    /// <summary>Posting, flagging and every decision of every flag, oldest first: the case as it happened.</summary>
    public IReadOnlyList<TimelineEvent> Timeline() =>
    [
        .. Flags.SelectMany(f => new[] { new TimelineEvent(f.PostCreatedAt, f, null), new TimelineEvent(f.Flag.CreatedAt, f, null, Flagged: true) })
            .Concat(Decisions.Join(Flags, d => d.FlagId, f => f.Flag.Id, (d, f) => new TimelineEvent(d.DecidedAt, f, d)))
            .OrderBy(e => e.At).ThenBy(e => e.Flag.Flag.Id).ThenBy(e => e.Decision is null ? (e.Flagged ? 1 : 0) : 2).ThenBy(e => e.Decision?.Id ?? 0),
    ];
}

/// <summary>One line of the timeline: the post was written (no decision, not flagged), flagged, or decided on.</summary>
public sealed record TimelineEvent(DateTimeOffset At, FlagSummary Flag, ReviewDecision? Decision, bool Flagged = false);

/// <summary>The clarification letter: the person, the latest recorded request (null: a blank to fill in), their confirmed posts oldest first.</summary>
public sealed record ClarificationLetter(CaseFile File, CaseStep? Request, IReadOnlyList<FlagDetail> Posts);

/// <summary>The case report over several posts of one person, oldest post first.</summary>
public sealed record CaseReport(CaseFile File, IReadOnlyList<FlagDetail> Flags, DateTimeOffset GeneratedAt)
{
    public ReviewDecision? Confirmation(long flagId) => File.DecisionsByFlag[flagId].LastOrDefault(d => d.Kind == DecisionKind.Confirm);
}
