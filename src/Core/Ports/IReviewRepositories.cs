using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Ports;

/// <summary>What the queue can be filtered and sorted by. Agency ids restrict an officer to their agencies.</summary>
public sealed record FlagQuery
{
    public IReadOnlyList<FlagStatus>? Statuses { get; init; }
    public Label? Label { get; init; }
    /// <summary>Null means every agency (admins, auditors); officers always pass their own.</summary>
    public IReadOnlyList<long>? AgencyIds { get; init; }
    public Platform? Platform { get; init; }
    /// <summary>Flags created at or after this time (the time the post was flagged).</summary>
    public DateTimeOffset? From { get; init; }
    /// <summary>Flags created before this time.</summary>
    public DateTimeOffset? To { get; init; }
    public double? MinScore { get; init; }
    public long? AssigneeUserId { get; init; }
    /// <summary>Flags recorded against this contest (an id of the contest files, e.g. "pilkada-2024-jawa-barat").</summary>
    public string? ContestId { get; init; }
    /// <summary>Flags whose recorded phase (see <see cref="FlagElection.Phase"/>) is this one.</summary>
    public ElectionPhaseKind? Phase { get; init; }
    public FlagSort Sort { get; init; } = FlagSort.NewestFirst;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

/// <summary>Queue order. Newest/oldest refer to when the flag was created, newest/oldest posted to when the post was.</summary>
public enum FlagSort
{
    NewestFirst,
    OldestFirst,
    HighestScore,
    NewestPostedFirst,
    OldestPostedFirst,
}

/// <summary>A queue row: the flag with what an officer needs to triage it without opening it.</summary>
/// <param name="PostExcerpt">The start of the version that was flagged, never of a later edit.</param>
/// <param name="EditedAfterFlagging">The post has versions newer than the flagged one.</param>
/// <param name="DecidedBy">Who confirmed or dismissed it last (display name), and <paramref name="DecidedAt"/> when.</param>
/// <param name="StaffFlagCount">How many flags the same person has in this flag's agency, this one included: repeat cases at a glance.</param>
public sealed record FlagSummary(
    Flag Flag,
    string PostExcerpt,
    DateTimeOffset PostCreatedAt,
    Platform Platform,
    string AccountHandle,
    string StaffName,
    Nip StaffNip,
    long AgencyId,
    string AgencyName,
    bool EditedAfterFlagging = false,
    string? AssigneeName = null,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    int StaffFlagCount = 1);

/// <summary>What the election of a flag is derived from: when the post was written, where, and what it names.</summary>
/// <param name="RegionCode">The region code of the agency of the post's account, when it has one.</param>
/// <param name="Signals">The flagged classification's explanation (its entity signals name contests).</param>
public sealed record FlagElectionInput(long FlagId, DateTimeOffset PostCreatedAt, string? RegionCode, IReadOnlyList<Signal> Signals);

public sealed record FlagPage(IReadOnlyList<FlagSummary> Items, int TotalCount, int Page, int PageSize);

/// <summary>What a bulk action checks of each selected flag before it runs: whose it is and whether it is still open.</summary>
public sealed record FlagState(long Id, long AgencyId, FlagStatus Status, long? AssigneeUserId);

/// <summary>One officer's share of the waiting flags: assigned to them, and how many of those are past the review deadline.</summary>
public sealed record OfficerWorkload(long UserId, int Assigned, int Overdue);

/// <summary>A queue filter a user keeps under a name: the queue's query string ("?status=open&amp;label=endorse").</summary>
public sealed record SavedFilter(long Id, long UserId, string Name, string Query, DateTimeOffset CreatedAt);

/// <summary>Everything the flag detail page and the case report show.</summary>
/// <param name="Post">The post as it stands now (its latest version).</param>
/// <param name="Evidence">The media and parent post kept with the flag; <see cref="FlagEvidence.None"/> until collected.</param>
public sealed record FlagDetail(
    Flag Flag,
    StoredPost Post,
    IReadOnlyList<StoredPost> Versions,
    StoredClassification Classification,
    WatchedAccount Account,
    StaffMember Staff,
    Agency Agency,
    IReadOnlyList<ReviewDecision> History,
    FlagEvidence? Evidence = null)
{
    /// <summary>
    /// The version the classifier flagged: what a reviewer judges, and what a decision on the flag is about. A post
    /// edited into something harmless after it was flagged must not look like a false flag.
    /// </summary>
    public StoredPost FlaggedPost => Versions.FirstOrDefault(v => v.Version == Classification.PostVersion) ?? Post;

    /// <summary>Versions stored after the flagged one, oldest first.</summary>
    public IReadOnlyList<StoredPost> LaterVersions => [.. Versions.Where(v => v.Version > Classification.PostVersion)];

    public bool EditedAfterFlagging => Post.Version > Classification.PostVersion;
}

public interface IFlagRepository
{
    /// <summary>Creates the flag for a post unless the post already has one. Returns the flag and whether it is new.</summary>
    Task<(Flag Flag, bool Created)> CreateIfAbsentAsync(long postId, long classificationId, Label label, double score, DateTimeOffset at, CancellationToken ct = default);

    Task<FlagPage> QueryAsync(FlagQuery query, CancellationToken ct = default);

    /// <summary>Every flag matching the filter, in its order (paging ignored), read as it streams: for exports.</summary>
    IAsyncEnumerable<FlagSummary> ListAllAsync(FlagQuery query, CancellationToken ct = default);

    /// <summary>Counts per status for the same filter (statuses in the query are ignored).</summary>
    Task<IReadOnlyDictionary<FlagStatus, int>> CountByStatusAsync(FlagQuery query, CancellationToken ct = default);

    Task<FlagDetail?> GetDetailAsync(long flagId, CancellationToken ct = default);

    /// <summary>Appends the decision and moves the flag to the status it implies, in one transaction.</summary>
    Task<ReviewDecision> RecordDecisionAsync(long flagId, long userId, DecisionKind kind, ViolationCategory? category, string? reason, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>
    /// Appends the decision and moves the flag to <paramref name="to"/>, in one transaction, only if the flag is still
    /// in one of the <paramref name="from"/> statuses: a flag another officer moved meanwhile keeps their decision.
    /// A flag moved back to open, or to awaiting second review, is assigned to nobody: it returns to the shared queue
    /// (the officer who confirmed cannot finish it, so it is not their workload).
    /// </summary>
    /// <returns>The decision; null when the flag was in none of the <paramref name="from"/> statuses (nothing is recorded).</returns>
    /// <exception cref="DomainValidationException">No such flag, or the decision is incomplete.</exception>
    Task<ReviewDecision?> RecordTransitionAsync(long flagId, long userId, DecisionKind kind, ViolationCategory? category, string? reason, Label? label,
        IReadOnlyList<FlagStatus> from, FlagStatus to, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>
    /// Records the same decision on each of the given flags in one transaction, one decision per flag. Only notes
    /// reach closed (confirmed or dismissed) flags: for other kinds those are skipped, so a flag closed meanwhile by
    /// someone else keeps its decision. A dismissal also skips flags awaiting a second review or escalated: those are
    /// decided one by one, by a second officer or a supervisor. An assignment names <paramref name="assigneeUserId"/> (null: unassigned) and
    /// moves an open flag to in review, an unassigned one in review back to open. A dismissal carries the
    /// <paramref name="label"/> the officer chose for the posts (civic or other), as on a single flag.
    /// </summary>
    /// <returns>The decisions recorded, by flag id.</returns>
    Task<IReadOnlyList<ReviewDecision>> RecordDecisionsAsync(IReadOnlyList<long> flagIds, long userId, DecisionKind kind, string? reason, Label? label, long? assigneeUserId, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>The state of each given flag that exists (missing ids are left out).</summary>
    Task<IReadOnlyList<FlagState>> GetStatesAsync(IReadOnlyList<long> flagIds, CancellationToken ct = default);

    /// <summary>Waiting flags per assignee in the given agencies (null: all), with those created before <paramref name="overdueBefore"/> counted as overdue.</summary>
    Task<IReadOnlyList<OfficerWorkload>> CountWorkloadAsync(IReadOnlyList<long>? agencyIds, DateTimeOffset overdueBefore, CancellationToken ct = default);
    /// <summary>As the other overload, with the label the officer chose on a confirmation or dismissal (<see cref="ReviewDecision.Label"/>).</summary>
    Task<ReviewDecision> RecordDecisionAsync(long flagId, long userId, DecisionKind kind, ViolationCategory? category, string? reason, Label? label, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Every flag of one staff member in the given agencies (null: all), newest first, with the queue's row shape.</summary>
    Task<IReadOnlyList<FlagSummary>> ListByStaffAsync(long staffId, IReadOnlyList<long>? agencyIds, CancellationToken ct = default);

    /// <summary>The decisions on the given flags, oldest first.</summary>
    Task<IReadOnlyList<ReviewDecision>> ListDecisionsAsync(IReadOnlyList<long> flagIds, CancellationToken ct = default);

    /// <summary>Flags created in [from, to) for the given agencies, with the same row shape as the queue.</summary>
    Task<IReadOnlyList<FlagSummary>> ListCreatedBetweenAsync(IReadOnlyList<long>? agencyIds, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);

    /// <summary>Flags whose election is not recorded yet (just created, or older than the contest files), oldest first.</summary>
    Task<IReadOnlyList<FlagElectionInput>> ListWithoutElectionAsync(int limit, CancellationToken ct = default);

    /// <summary>
    /// Records the contests and phase of each flag in one statement, once: a flag already recorded keeps what it has.
    /// Concurrent callers with overlapping flags wait for each other rather than deadlock.
    /// </summary>
    Task RecordElectionsAsync(IReadOnlyList<(long FlagId, FlagElection Election)> elections, CancellationToken ct = default);

    /// <summary>Flags per day and label, for the dashboard chart; days begin at midnight at <paramref name="utcOffset"/>.</summary>
    Task<IReadOnlyList<(DateOnly Day, Label Label, int Count)>> CountPerDayAsync(IReadOnlyList<long>? agencyIds, DateTimeOffset from, DateTimeOffset to, TimeSpan utcOffset, CancellationToken ct = default);
}

public interface IUserRepository
{
    /// <exception cref="DomainValidationException">User name taken, or an unknown agency.</exception>
    Task<User> AddAsync(string userName, string displayName, string email, Role role, string passwordHash, IReadOnlyList<long> agencyIds, DateTimeOffset at, CancellationToken ct = default);
    Task<User?> FindByUserNameAsync(string userName, CancellationToken ct = default);
    Task<User?> GetAsync(long id, CancellationToken ct = default);
    Task<IReadOnlyList<User>> ListAsync(Role? role = null, CancellationToken ct = default);

    /// <summary>
    /// Counts a failed sign-in and, once the streak reaches <paramref name="maxFailures"/>, locks the account until
    /// <paramref name="lockUntil"/>; one atomic update, so attempts on several nodes at once all count.
    /// </summary>
    /// <returns>The streak including this failure, and the lock now on the account.</returns>
    Task<(int Failures, DateTimeOffset? LockedUntil)> RecordFailedSignInAsync(long userId, int maxFailures, DateTimeOffset lockUntil, CancellationToken ct = default);

    /// <summary>Clears the failure streak, unless another attempt has locked the account meanwhile.</summary>
    /// <returns>False when the account is locked at <paramref name="now"/>: the sign-in must be refused.</returns>
    Task<bool> RecordSignInSucceededAsync(long userId, DateTimeOffset now, CancellationToken ct = default);
    Task SetActiveAsync(long userId, bool isActive, CancellationToken ct = default);

    /// <summary>Replaces the password hash and lifts a lockout (an admin's reset is how a locked-out user gets back in).</summary>
    /// <exception cref="DomainValidationException">No such user.</exception>
    Task SetPasswordAsync(long userId, string passwordHash, CancellationToken ct = default);

    /// <summary>Replaces the agencies an officer reviews, all at once.</summary>
    /// <exception cref="DomainValidationException">No such user, or an unknown agency.</exception>
    Task SetAgenciesAsync(long userId, IReadOnlyList<long> agencyIds, CancellationToken ct = default);
}

/// <summary>Each user's named queue filters; nobody reads or changes another user's.</summary>
public interface ISavedFilterRepository
{
    /// <summary>The user's filters by name.</summary>
    Task<IReadOnlyList<SavedFilter>> ListAsync(long userId, CancellationToken ct = default);

    /// <summary>Saves the filter under the name; a filter of the same user and name is replaced.</summary>
    Task<SavedFilter> SaveAsync(long userId, string name, string query, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>False when the user has no filter with that id (another user's included).</summary>
    Task<bool> DeleteAsync(long userId, long filterId, CancellationToken ct = default);
}

/// <summary>The append-only audit log. There is no update and no delete.</summary>
public interface IAuditLog
{
    Task AppendAsync(string actor, string action, string? subject, string? details, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>One entry per subject, all in one transaction (a bulk action on many flags).</summary>
    Task AppendManyAsync(string actor, string action, IReadOnlyList<(string Subject, string? Details)> entries, DateTimeOffset at, CancellationToken ct = default);
    /// <param name="hiddenAction">An action left out (the audit page hides the many <c>flag.viewed</c> entries on request).</param>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(DateTimeOffset? from, DateTimeOffset? to, string? actor, string? action, int skip, int take, string? hiddenAction = null, CancellationToken ct = default);
}

public interface IOutbox
{
    /// <summary>
    /// Stores the message unless one with the same key exists. Returns false when it already existed. When
    /// <paramref name="alsoSet"/> is given, that job-state value is written in the same transaction, so a crash
    /// never leaves the message stored without the state that says it was built (or the other way round).
    /// </summary>
    Task<bool> EnqueueAsync(string key, string to, string subject, string htmlBody, string textBody, DateTimeOffset at,
        JobStateValue? alsoSet = null, CancellationToken ct = default);
    Task<bool> ExistsAsync(string key, CancellationToken ct = default);
    /// <summary>Unsent messages whose next attempt is due.</summary>
    Task<IReadOnlyList<OutboxMessage>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken ct = default);
    Task MarkSentAsync(long id, DateTimeOffset at, CancellationToken ct = default);
    Task MarkFailedAsync(long id, string error, DateTimeOffset nextAttemptAt, CancellationToken ct = default);
}

/// <summary>One key-value pair of job state.</summary>
public sealed record JobStateValue(string Key, string Value);

/// <summary>Small key-value state that must survive restarts (e.g. when each officer's last digest covered up to).</summary>
public interface IJobStateStore
{
    Task<string?> GetAsync(string key, CancellationToken ct = default);
    Task SetAsync(string key, string value, DateTimeOffset at, CancellationToken ct = default);
}
