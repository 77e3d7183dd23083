using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Review;

/// <summary>
/// The employee's case file: a person (by NIP) with every watched account, every flag across accounts and platforms,
/// the decisions on them and a timeline; and the case report over several of their confirmed flags. Scoped like
/// <see cref="FlagReviewService"/>: an officer asking for a person of another agency gets "not found".
/// </summary>
public sealed class CaseFileService(IStaffRepository staff, IAgencyRepository agencies, IAccountRepository accounts, IFlagRepository flags,
    IUserRepository users, IAuditLog audit, TimeProvider clock)
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
        var names = new Dictionary<long, string>();
        foreach (var id in decisions.Select(d => d.UserId).Distinct())
        {
            if (await users.GetAsync(id, ct) is { } u)
            {
                names[id] = $"{u.DisplayName} ({u.UserName})";
            }
        }
        return new CaseFile(member, agency, theirAccounts, theirFlags, decisions, names);
    }
}

/// <summary>What the case file page shows. <see cref="Flags"/> are newest first; <see cref="Decisions"/> oldest first.</summary>
public sealed record CaseFile(
    StaffMember Staff,
    Agency Agency,
    IReadOnlyList<WatchedAccount> Accounts,
    IReadOnlyList<FlagSummary> Flags,
    IReadOnlyList<ReviewDecision> Decisions,
    IReadOnlyDictionary<long, string> UserNames)
{
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

/// <summary>The case report over several posts of one person, oldest post first.</summary>
public sealed record CaseReport(CaseFile File, IReadOnlyList<FlagDetail> Flags, DateTimeOffset GeneratedAt)
{
    public ReviewDecision? Confirmation(long flagId) => File.DecisionsByFlag[flagId].LastOrDefault(d => d.Kind == DecisionKind.Confirm);
}
