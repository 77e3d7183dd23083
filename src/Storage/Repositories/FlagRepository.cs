using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Review;

namespace SocialWatch.Storage.Repositories;

/// <summary>
/// Flags, the review queue and review decisions. Queue filters and sorts run on the flags table alone (which
/// carries the agency and platform of its post); only the rows of the requested page join posts and the registry.
/// </summary>
public sealed class FlagRepository(
    DbConnectionFactory connections,
    IPostRepository posts,
    IAccountRepository accounts,
    IStaffRepository staff,
    IAgencyRepository agencies,
    IEvidenceRepository evidence) : IFlagRepository
{
    /// <summary>How much of the post's text a queue row carries.</summary>
    public const int ExcerptLength = 280;

    private const string FlagColumns = "id, post_id, classification_id, label, score, status, assignee_user_id, created_at, updated_at, election_phase, election_contests, recall_stratum";

    /// <summary>
    /// A flag that counts against its staff member: raised by the classifier, or a recall sample an officer confirmed
    /// (an unconfirmed sample is only a question to the reviewer).
    /// </summary>
    private const string CountsAgainst = "(recall_stratum IS NULL OR status = 'confirmed')";

    /// <summary>What election_phase holds for a flag recorded outside every contest (NULL means not recorded yet).</summary>
    private const string NoElection = "none";

    private const string DecisionColumns = "id, flag_id, user_id, decided_at, kind, category, reason, assignee_user_id, label";

    private static FlagElection? ToElection(string? phase, string? contests) => phase is null ? null : FlagElection.Parse(phase, contests);

    private sealed class FlagRow
    {
        public long Id { get; set; }
        public long PostId { get; set; }
        public long ClassificationId { get; set; }
        public string Label { get; set; } = "";
        public double Score { get; set; }
        public string Status { get; set; } = "";
        public long? AssigneeUserId { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }
        public string? ElectionPhase { get; set; }
        public string? ElectionContests { get; set; }
        public string? RecallStratum { get; set; }

        public Flag ToFlag() => new(Id, PostId, ClassificationId, DbCodes.ToLabel(Label), Score, DbCodes.ToFlagStatus(Status), AssigneeUserId,
            DbValues.FromUnixMs(CreatedAt), DbValues.FromUnixMs(UpdatedAt), ToElection(ElectionPhase, ElectionContests), RecallStratum is not null);
    }

    private sealed class SummaryRow
    {
        public long Id { get; set; }
        public long PostId { get; set; }
        public long ClassificationId { get; set; }
        public string Label { get; set; } = "";
        public double Score { get; set; }
        public string Status { get; set; } = "";
        public long? AssigneeUserId { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }
        public long AgencyId { get; set; }
        public string Platform { get; set; } = "";
        public string? Excerpt { get; set; }
        public long PostCreatedAt { get; set; }
        public string Handle { get; set; } = "";
        public string StaffName { get; set; } = "";
        public string StaffNip { get; set; } = "";
        public string AgencyName { get; set; } = "";
        public long EditedAfterFlagging { get; set; }
        public string? AssigneeName { get; set; }
        public string? DecidedBy { get; set; }
        public long? DecidedAt { get; set; }
        public long StaffFlagCount { get; set; }
        public string? ElectionPhase { get; set; }
        public string? ElectionContests { get; set; }
        public string? RecallStratum { get; set; }

        public FlagSummary ToSummary() => new(
            new Flag(Id, PostId, ClassificationId, DbCodes.ToLabel(Label), Score, DbCodes.ToFlagStatus(Status), AssigneeUserId,
                DbValues.FromUnixMs(CreatedAt), DbValues.FromUnixMs(UpdatedAt), ToElection(ElectionPhase, ElectionContests), RecallStratum is not null),
            Excerpt ?? "", DbValues.FromUnixMs(PostCreatedAt), DbCodes.ToPlatform(Platform), Handle, StaffName, DbCodes.ToNip(StaffNip),
            AgencyId, AgencyName, EditedAfterFlagging != 0, AssigneeName, DecidedBy, DbValues.FromUnixMs(DecidedAt),
            checked((int)StaffFlagCount));
    }

    private sealed class DecisionRow
    {
        public long Id { get; set; }
        public long FlagId { get; set; }
        public long UserId { get; set; }
        public long DecidedAt { get; set; }
        public string Kind { get; set; } = "";
        public string? Category { get; set; }
        public string? Reason { get; set; }
        public long? AssigneeUserId { get; set; }
        public string? Label { get; set; }

        public ReviewDecision ToDecision() => new(Id, FlagId, UserId, DbValues.FromUnixMs(DecidedAt), DbCodes.ToDecisionKind(Kind),
            Category is null ? null : DbCodes.ToViolationCategory(Category), Reason, AssigneeUserId, Label is null ? null : DbCodes.ToLabel(Label));
    }

    private sealed class DayCountRow
    {
        public long Day { get; set; }
        public string Label { get; set; } = "";
        public long Count { get; set; }
    }

    // Wraps a filtered, ordered, limited selection of flags (aliased f) with what a queue row shows. The excerpt is
    // of the version that was flagged (the flag's classification), not of a later edit.
    private static string SummarySql(string filteredFlags, string order) => $"""
        WITH page AS ({filteredFlags})
        SELECT f.id, f.post_id, f.classification_id, f.label, f.score, f.status, f.assignee_user_id, f.created_at, f.updated_at,
               f.election_phase, f.election_contests, f.recall_stratum, f.agency_id, f.platform, substr(coalesce(nullif(v.text, ''), v.shared_text, ''), 1, {ExcerptLength}) AS excerpt,
               p.created_at AS post_created_at, a.handle, s.name AS staff_name, s.nip AS staff_nip, g.name AS agency_name,
               CASE WHEN p.current_version > c.post_version THEN 1 ELSE 0 END AS edited_after_flagging,
               assignee.display_name AS assignee_name,
               CASE WHEN f.status IN ('confirmed', 'dismissed', 'awaiting_second_review') THEN
               (SELECT u.display_name FROM review_decisions d JOIN users u ON u.id = d.user_id
                WHERE d.flag_id = f.id AND d.kind IN ('confirm', 'dismiss') ORDER BY d.id DESC LIMIT 1) END AS decided_by,
               CASE WHEN f.status IN ('confirmed', 'dismissed', 'awaiting_second_review') THEN
               (SELECT d.decided_at FROM review_decisions d
                WHERE d.flag_id = f.id AND d.kind IN ('confirm', 'dismiss') ORDER BY d.id DESC LIMIT 1) END AS decided_at,
               (SELECT count(*) FROM flags x WHERE x.staff_id = f.staff_id AND x.agency_id = f.agency_id AND (x.recall_stratum IS NULL OR x.status = 'confirmed')) AS staff_flag_count
        FROM page f
        JOIN posts p ON p.id = f.post_id
        JOIN classifications c ON c.id = f.classification_id
        JOIN post_versions v ON v.post_id = p.id AND v.version = c.post_version
        JOIN accounts a ON a.id = p.account_id
        JOIN staff s ON s.id = a.staff_id
        JOIN agencies g ON g.id = f.agency_id
        LEFT JOIN users assignee ON assignee.id = f.assignee_user_id
        ORDER BY {order};
        """;

    public async Task<(Flag Flag, bool Created)> CreateIfAbsentAsync(long postId, long classificationId, Label label, double score, DateTimeOffset at, CancellationToken ct = default)
    {
        const string Insert = $"""
            INSERT INTO flags (post_id, classification_id, label, score, status, created_at, updated_at, agency_id, platform, post_created_at, staff_id)
            SELECT p.id, @ClassificationId, @Label, @Score, 'open', @At, @At, s.agency_id, p.platform, p.created_at, s.id
            FROM posts p JOIN accounts a ON a.id = p.account_id JOIN staff s ON s.id = a.staff_id
            WHERE p.id = @PostId
            ON CONFLICT (post_id) DO NOTHING
            RETURNING {FlagColumns};
            """;
        const string Existing = $"""
            SELECT {FlagColumns} FROM flags WHERE post_id = @PostId;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var parameters = new { PostId = postId, ClassificationId = classificationId, Label = label.ToCode(), Score = score, At = DbValues.ToUnixMs(at) };
        var created = await connection.QuerySingleOrDefaultAsync<FlagRow>(new CommandDefinition(Insert, parameters, transaction, cancellationToken: ct));
        var flag = created ?? await connection.QuerySingleOrDefaultAsync<FlagRow>(new CommandDefinition(Existing, parameters, transaction, cancellationToken: ct))
            ?? throw new DomainValidationException($"no post with id {postId}");
        await transaction.CommitAsync(ct);
        return (flag.ToFlag(), created is not null);
    }

    public async Task<FlagPage> QueryAsync(FlagQuery query, CancellationToken ct = default)
    {
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var (where, parameters) = Filter(query, includeStatuses: true);
        var (walkWhere, _) = Filter(query, includeStatuses: true, walkSortIndex: query.Sort switch
        {
            FlagSort.HighestScore => "score",
            FlagSort.NewestPostedFirst or FlagSort.OldestPostedFirst => "post_created_at",
            _ => "created_at",
        });
        parameters.Add("Take", pageSize);
        parameters.Add("Skip", (long)(page - 1) * pageSize);
        var (inner, outer) = Order(query.Sort);
        // Only ids are selected while skipping and limiting, so the walk reads index entries alone; the page's
        // rows are then fetched by id.
        var pageSql = SummarySql(
            $"SELECT flags.* FROM (SELECT id FROM flags WHERE {walkWhere} ORDER BY {inner} LIMIT @Take OFFSET @Skip) ids JOIN flags ON flags.id = ids.id",
            outer);
        var countSql = $"SELECT count(*) FROM flags WHERE {where};";

        await using var connection = await connections.OpenAsync(ct);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(countSql, parameters, cancellationToken: ct));
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(pageSql, parameters, cancellationToken: ct));
        return new FlagPage(rows.Select(r => r.ToSummary()).ToList(), checked((int)total), page, pageSize);
    }

    public async IAsyncEnumerable<FlagSummary> ListAllAsync(FlagQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // One query read as it streams: paging through a whole export would walk the skipped rows again for every page.
        var (where, parameters) = Filter(query, includeStatuses: true);
        var sql = SummarySql($"SELECT * FROM flags WHERE {where}", Order(query.Sort).Outer);
        await using var connection = await connections.OpenAsync(ct);
        await foreach (var row in connection.QueryUnbufferedAsync<SummaryRow>(sql, parameters).WithCancellation(ct))
        {
            yield return row.ToSummary();
        }
    }

    /// <summary>The queue order over the flags table (inner) and over the page's rows aliased f (outer).</summary>
    private static (string Inner, string Outer) Order(FlagSort sort) => sort switch
    {
        FlagSort.OldestFirst => ("created_at, id", "f.created_at, f.id"),
        FlagSort.HighestScore => ("score DESC, id DESC", "f.score DESC, f.id DESC"),
        FlagSort.NewestPostedFirst => ("post_created_at DESC, id DESC", "f.post_created_at DESC, f.id DESC"),
        FlagSort.OldestPostedFirst => ("post_created_at, id", "f.post_created_at, f.id"),
        _ => ("created_at DESC, id DESC", "f.created_at DESC, f.id DESC"),
    };

    public async Task<IReadOnlyDictionary<FlagStatus, int>> CountByStatusAsync(FlagQuery query, CancellationToken ct = default)
    {
        // For given agencies (an officer's queue, the dashboard's rows) the counts read those agencies' range of
        // ix_flags_agency_status_created, which covers status and created_at. Left alone, SQLite walks
        // ix_flags_status_created for its GROUP BY order over every agency's flags, reading each row for its agency.
        var byAgency = query.AgencyIds is not null;
        var (where, parameters) = Filter(query, includeStatuses: false, walkSortIndex: byAgency ? "agency_id" : null);
        var sql = $"SELECT status, count(*) FROM flags WHERE {where} GROUP BY {(byAgency ? connections.Dialect.NoIndex("status") : "status")};";
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        var counts = Enum.GetValues<FlagStatus>().ToDictionary(s => s, _ => 0);
        foreach (var (status, count) in rows)
        {
            counts[DbCodes.ToFlagStatus(status)] = checked((int)count);
        }
        return counts;
    }

    /// <summary>The WHERE clause (over the flags table) and its parameters for a queue filter.</summary>
    /// <param name="walkSortIndex">
    /// For a page query, the column the page is sorted by (for counts, the column whose index they should read). Every other column is written as <c>+column</c> on SQLite
    /// (<see cref="SqlDialect.NoIndex"/>: "do not pick an index for this term"), which leaves the planner the index ordered by the sort
    /// column (ix_flags_queue_by_time or _by_score); it holds every filter column, so non-matching entries are
    /// skipped without reading their rows. Without this SQLite prefers the status index and sorts the whole range.
    /// </param>
    private (string Where, DynamicParameters Parameters) Filter(FlagQuery query, bool includeStatuses, string? walkSortIndex = null)
    {
        var dialect = connections.Dialect;
        string Column(string name) => walkSortIndex is null || walkSortIndex == name ? name : dialect.NoIndex(name);
        var where = new StringBuilder("1 = 1");
        var parameters = new DynamicParameters();
        if (includeStatuses && query.Statuses is { } statuses)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND {dialect.InList(Column("status"), "Statuses")}");
            parameters.Add("Statuses", statuses.Select(s => s.ToDb()).ToArray());
        }
        if (query.Label is { } label)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND {Column("label")} = @Label");
            parameters.Add("Label", label.ToCode());
        }
        if (query.AgencyIds is { } agencyIds)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND {dialect.InList(Column("agency_id"), "AgencyIds")}");
            parameters.Add("AgencyIds", agencyIds.ToArray());
        }
        if (query.Platform is { } platform)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND {Column("platform")} = @Platform");
            parameters.Add("Platform", platform.ToCode());
        }
        if (query.From is { } from)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND {Column("created_at")} >= @From");
            parameters.Add("From", DbValues.ToUnixMs(from));
        }
        if (query.To is { } to)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND {Column("created_at")} < @To");
            parameters.Add("To", DbValues.ToUnixMs(to));
        }
        if (query.MinScore is { } minScore)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND {Column("score")} >= @MinScore");
            parameters.Add("MinScore", minScore);
        }
        if (query.AssigneeUserId is { } assignee)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND {Column("assignee_user_id")} = @AssigneeUserId");
            parameters.Add("AssigneeUserId", assignee);
        }
        if (query.Phase is { } phase)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND {Column("election_phase")} = @Phase");
            parameters.Add("Phase", phase.ToCode());
        }
        if (query.ContestId is { } contest)
        {
            // election_contests is "id:phase,id:phase": the id is matched whole, between a comma (or the start) and a colon.
            where.Append(CultureInfo.InvariantCulture, $" AND (',' || {Column("election_contests")}) LIKE @ContestPattern");
            parameters.Add("ContestPattern", $"%,{EscapeLike(contest)}:%");
        }
        return (where.ToString(), parameters);
    }

    /// <summary>Contest ids are letters, digits, '-' and '.'; anything else is dropped so it cannot act as a LIKE wildcard.</summary>
    private static string EscapeLike(string contestId) => new([.. contestId.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')]);

    public async Task<IReadOnlyList<FlagElectionInput>> ListWithoutElectionAsync(int limit, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT f.id AS flag_id, f.post_created_at, g.region_code, c.signals
            FROM flags f
            JOIN agencies g ON g.id = f.agency_id
            JOIN classifications c ON c.id = f.classification_id
            WHERE f.election_phase IS NULL
            ORDER BY f.id
            LIMIT @Limit;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long FlagId, long PostCreatedAt, string? RegionCode, string Signals)>(
            new CommandDefinition(Sql, new { Limit = Math.Max(1, limit) }, cancellationToken: ct));
        return [.. rows.Select(r => new FlagElectionInput(r.FlagId, DbValues.FromUnixMs(r.PostCreatedAt), r.RegionCode, ClassificationRepository.SignalsFromJson(r.Signals)))];
    }

    public async Task RecordElectionsAsync(IReadOnlyList<(long FlagId, FlagElection Election)> elections, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(elections);
        if (elections.Count == 0)
        {
            return;
        }
        // VALUES columns are column1… on both engines. The flags are locked in id order first (PostgreSQL), so two
        // workers recording overlapping flags queue behind each other instead of deadlocking.
        var values = new List<string>(elections.Count);
        var parameters = new DynamicParameters();
        foreach (var (i, (flagId, election)) in elections.OrderBy(e => e.FlagId).Index())
        {
            ArgumentNullException.ThrowIfNull(election);
            values.Add(FormattableString.Invariant($"(@Id{i}, @Phase{i}, @Contests{i})"));
            parameters.Add(FormattableString.Invariant($"Id{i}"), flagId, DbType.Int64);
            parameters.Add(FormattableString.Invariant($"Phase{i}"), election.Phase?.ToCode() ?? NoElection, DbType.String);
            parameters.Add(FormattableString.Invariant($"Contests{i}"), election.Contests.Count == 0 ? null : election.ContestsCode, DbType.String);
        }
        var sql = $"""
            UPDATE flags SET election_phase = l.phase, election_contests = l.contests
            FROM (SELECT f.id, v.column2 AS phase, v.column3 AS contests
                  FROM flags f JOIN (VALUES {string.Join(", ", values)}) AS v ON f.id = v.column1
                  WHERE f.election_phase IS NULL
                  ORDER BY f.id
                  {connections.Dialect.ForUpdateOf("f")}) AS l
            WHERE flags.id = l.id AND flags.election_phase IS NULL;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
    }

    public async Task<FlagDetail?> GetDetailAsync(long flagId, CancellationToken ct = default)
    {
        const string SelectFlag = $"""
            SELECT {FlagColumns} FROM flags WHERE id = @FlagId;
            """;
        const string SelectClassification = $"""
            {ClassificationRepository.SelectClassification}
            WHERE id = @ClassificationId;
            """;
        FlagRow? flagRow;
        ClassificationRepository.ClassificationRow classification;
        await using (var connection = await connections.OpenAsync(ct))
        {
            flagRow = await connection.QuerySingleOrDefaultAsync<FlagRow>(new CommandDefinition(SelectFlag, new { FlagId = flagId }, cancellationToken: ct));
            if (flagRow is null)
            {
                return null;
            }
            classification = await connection.QuerySingleAsync<ClassificationRepository.ClassificationRow>(
                new CommandDefinition(SelectClassification, new { flagRow.ClassificationId }, cancellationToken: ct));
        }
        var post = await posts.GetAsync(flagRow.PostId, ct) ?? throw new InvalidDataException($"flag {flagId} points to missing post {flagRow.PostId}");
        var versions = await posts.GetVersionsAsync(flagRow.PostId, ct);
        var account = await accounts.GetAsync(post.AccountId, ct) ?? throw new InvalidDataException($"post {post.Id} points to missing account {post.AccountId}");
        var member = await staff.GetAsync(account.StaffId, ct) ?? throw new InvalidDataException($"account {account.Id} points to missing staff {account.StaffId}");
        var agency = await agencies.GetAsync(member.AgencyId, ct) ?? throw new InvalidDataException($"staff {member.Id} points to missing agency {member.AgencyId}");
        var history = await HistoryAsync(flagId, ct);
        return new FlagDetail(flagRow.ToFlag(), post, versions, classification.ToClassification(), account, member, agency, history,
            await evidence.GetAsync(flagId, ct));
    }

    private async Task<IReadOnlyList<ReviewDecision>> HistoryAsync(long flagId, CancellationToken ct)
    {
        const string Sql = $"""
            SELECT {DecisionColumns} FROM review_decisions WHERE flag_id = @FlagId ORDER BY id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<DecisionRow>(new CommandDefinition(Sql, new { FlagId = flagId }, cancellationToken: ct));
        return rows.Select(r => r.ToDecision()).ToList();
    }

    /// <summary>
    /// One decision on one flag, from @FlagId, @UserId, @At, @Kind, @Category, @Reason and @Label; no row when the flag
    /// does not exist. An assignment this way is "assign to me": the deciding user is the assignee.
    /// </summary>
    private const string InsertOneDecision = $"""
        INSERT INTO review_decisions (flag_id, user_id, decided_at, kind, category, reason, assignee_user_id, label)
        SELECT @FlagId, @UserId, @At, @Kind, @Category, @Reason, CASE WHEN @Kind = 'assign' THEN @UserId END, @Label
        WHERE EXISTS (SELECT 1 FROM flags WHERE id = @FlagId)
        RETURNING {DecisionColumns};
        """;

    public Task<ReviewDecision> RecordDecisionAsync(long flagId, long userId, DecisionKind kind, ViolationCategory? category, string? reason, DateTimeOffset at, CancellationToken ct = default) =>
        RecordDecisionAsync(flagId, userId, kind, category, reason, label: null, at, ct);

    public async Task<ReviewDecision> RecordDecisionAsync(long flagId, long userId, DecisionKind kind, ViolationCategory? category, string? reason, Label? label, DateTimeOffset at, CancellationToken ct = default)
    {
        ReviewDecisionRules.Validate(kind, category, reason, label);
        const string MoveFlag = """
            UPDATE flags
            SET status = coalesce(@Status, status),
                assignee_user_id = CASE WHEN @Kind = 'assign' THEN @UserId ELSE assignee_user_id END,
                updated_at = @At
            WHERE id = @FlagId;
            """;
        var parameters = new
        {
            FlagId = flagId,
            UserId = userId,
            At = DbValues.ToUnixMs(at),
            Kind = kind.ToDb(),
            Category = category?.ToDb(),
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            Label = label?.ToCode(),
            Status = ReviewDecisionRules.ResultingStatus(kind)?.ToDb(),
        };
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var decision = await connection.QuerySingleOrDefaultAsync<DecisionRow>(new CommandDefinition(InsertOneDecision, parameters, transaction, cancellationToken: ct))
            ?? throw new DomainValidationException($"no flag with id {flagId}");
        await connection.ExecuteAsync(new CommandDefinition(MoveFlag, parameters, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return decision.ToDecision();
    }

    public async Task<ReviewDecision?> RecordTransitionAsync(long flagId, long userId, DecisionKind kind, ViolationCategory? category, string? reason, Label? label,
        IReadOnlyList<FlagStatus> from, FlagStatus to, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        ReviewDecisionRules.Validate(kind, category, reason, label);
        var dialect = connections.Dialect;
        // The flag is moved first, guarded by its status: the UPDATE takes the write lock (SQLite) or the row's lock
        // (PostgreSQL re-checks the WHERE), so of two officers agreeing at once only one records a decision.
        var moveFlag = $"""
            UPDATE flags
            SET status = @To,
                assignee_user_id = CASE WHEN @To IN ('open', 'awaiting_second_review') THEN NULL ELSE assignee_user_id END,
                updated_at = @At
            WHERE id = @FlagId AND {dialect.InList("status", "From")}
            RETURNING id;
            """;
        var parameters = new
        {
            FlagId = flagId,
            UserId = userId,
            At = DbValues.ToUnixMs(at),
            Kind = kind.ToDb(),
            Category = category?.ToDb(),
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            Label = label?.ToCode(),
            From = from.Select(s => s.ToDb()).ToArray(),
            To = to.ToDb(),
        };
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var moved = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(moveFlag, parameters, transaction, cancellationToken: ct));
        if (moved is null)
        {
            var exists = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT id FROM flags WHERE id = @FlagId;", parameters, transaction, cancellationToken: ct));
            return exists is null ? throw new DomainValidationException($"no flag with id {flagId}") : null;
        }
        var decision = await connection.QuerySingleAsync<DecisionRow>(new CommandDefinition(InsertOneDecision, parameters, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return decision.ToDecision();
    }

    public async Task<IReadOnlyList<ReviewDecision>> RecordDecisionsAsync(IReadOnlyList<long> flagIds, long userId, DecisionKind kind, string? reason, Label? label, long? assigneeUserId, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(flagIds);
        if (kind == DecisionKind.Confirm)
        {
            throw new DomainValidationException("a confirmation is never recorded in bulk: confirm each flag on its own page");
        }
        ReviewDecisionRules.Validate(kind, null, reason, label);
        if (flagIds.Count == 0)
        {
            return [];
        }
        var dialect = connections.Dialect;
        // The flags are moved first: the UPDATE takes the write lock (SQLite) or the rows' locks (PostgreSQL, which
        // re-checks the WHERE on a row another transaction just changed), so a flag closed meanwhile is skipped
        // instead of getting a second closing decision. Only the flags it returned get a decision.
        var moveFlags = $"""
            UPDATE flags
            SET status = {kind switch
            {
                DecisionKind.Dismiss => "'dismissed'",
                DecisionKind.Escalate => "'escalated'",
                DecisionKind.Assign => "CASE WHEN @Assignee IS NOT NULL AND status = 'open' THEN 'in_review' WHEN @Assignee IS NULL AND status = 'in_review' THEN 'open' ELSE status END",
                _ => "status",
            }},
                assignee_user_id = {(kind == DecisionKind.Assign ? "@Assignee" : "assignee_user_id")},
                updated_at = @At
            WHERE {dialect.InList("id", "FlagIds")}{kind switch
            {
                DecisionKind.Note => "",
                DecisionKind.Dismiss => " AND status NOT IN ('confirmed', 'dismissed', 'awaiting_second_review', 'escalated')",
                _ => " AND status NOT IN ('confirmed', 'dismissed')",
            }}
            RETURNING id;
            """;
        var insertDecisions = $"""
            INSERT INTO review_decisions (flag_id, user_id, decided_at, kind, category, reason, assignee_user_id, label)
            SELECT id, @UserId, @At, @Kind, NULL, @Reason, @Assignee, @Label FROM flags WHERE {dialect.InList("id", "Moved")} ORDER BY id
            RETURNING {DecisionColumns};
            """;
        var assignee = kind == DecisionKind.Assign ? assigneeUserId : null;
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var moved = (await connection.QueryAsync<long>(new CommandDefinition(moveFlags,
            new { FlagIds = flagIds.Distinct().ToArray(), Assignee = assignee, At = DbValues.ToUnixMs(at) }, transaction, cancellationToken: ct))).ToArray();
        var decisions = moved.Length == 0 ? [] : await connection.QueryAsync<DecisionRow>(new CommandDefinition(insertDecisions, new
        {
            Moved = moved,
            UserId = userId,
            At = DbValues.ToUnixMs(at),
            Kind = kind.ToDb(),
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            Assignee = assignee,
            Label = label?.ToCode(),
        }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return [.. decisions.Select(d => d.ToDecision()).OrderBy(d => d.FlagId)];
    }

    public async Task<IReadOnlyList<FlagState>> GetStatesAsync(IReadOnlyList<long> flagIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(flagIds);
        if (flagIds.Count == 0)
        {
            return [];
        }
        var sql = $"SELECT id, agency_id, status, assignee_user_id FROM flags WHERE {connections.Dialect.InList("id", "FlagIds")} ORDER BY id;";
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Id, long AgencyId, string Status, long? AssigneeUserId)>(
            new CommandDefinition(sql, new { FlagIds = flagIds.Distinct().ToArray() }, cancellationToken: ct));
        return [.. rows.Select(r => new FlagState(r.Id, r.AgencyId, DbCodes.ToFlagStatus(r.Status), r.AssigneeUserId))];
    }

    public async Task<IReadOnlyList<OfficerWorkload>> CountWorkloadAsync(IReadOnlyList<long>? agencyIds, DateTimeOffset overdueBefore, CancellationToken ct = default)
    {
        var (where, parameters) = Filter(new FlagQuery { AgencyIds = agencyIds, Statuses = FlagStatusNames.Pending }, includeStatuses: true);
        parameters.Add("OverdueBefore", DbValues.ToUnixMs(overdueBefore));
        // ix_flags_assignee holds only assigned flags, so this reads the team's claims, not the whole queue.
        var sql = $"""
            SELECT assignee_user_id AS user_id, count(*) AS assigned, sum(CASE WHEN created_at < @OverdueBefore THEN 1 ELSE 0 END) AS overdue
            FROM flags
            WHERE assignee_user_id IS NOT NULL AND {where}
            GROUP BY assignee_user_id
            ORDER BY assignee_user_id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long UserId, long Assigned, long Overdue)>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return [.. rows.Select(r => new OfficerWorkload(r.UserId, checked((int)r.Assigned), checked((int)r.Overdue)))];
    }

    public async Task<IReadOnlyList<FlagSummary>> ListByStaffAsync(long staffId, IReadOnlyList<long>? agencyIds, CancellationToken ct = default)
    {
        var (where, parameters) = Filter(new FlagQuery { AgencyIds = agencyIds }, includeStatuses: false);
        parameters.Add("StaffId", staffId);
        var sql = SummarySql($"SELECT * FROM flags WHERE staff_id = @StaffId AND {CountsAgainst} AND {where}", "f.created_at DESC, f.id DESC");
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    public async Task<IReadOnlyList<ReviewDecision>> ListDecisionsAsync(IReadOnlyList<long> flagIds, CancellationToken ct = default)
    {
        if (flagIds.Count == 0)
        {
            return [];
        }
        var sql = $"""
            SELECT {DecisionColumns} FROM review_decisions
            WHERE {connections.Dialect.InList("flag_id", "FlagIds")} ORDER BY id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<DecisionRow>(new CommandDefinition(sql, new { FlagIds = flagIds.ToArray() }, cancellationToken: ct));
        return rows.Select(r => r.ToDecision()).ToList();
    }

    public async Task<IReadOnlyList<FlagSummary>> ListCreatedBetweenAsync(IReadOnlyList<long>? agencyIds, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var (where, parameters) = Filter(new FlagQuery { AgencyIds = agencyIds, From = from, To = to }, includeStatuses: false);
        // The digest reports what the classifier raised; recall samples wait in the queue without being news about anyone.
        var sql = SummarySql($"SELECT * FROM flags WHERE recall_stratum IS NULL AND {where}", "f.created_at, f.id");
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    public async Task<IReadOnlyList<(DateOnly Day, Label Label, int Count)>> CountPerDayAsync(IReadOnlyList<long>? agencyIds, DateTimeOffset from, DateTimeOffset to, TimeSpan utcOffset, CancellationToken ct = default)
    {
        // created_at is Unix milliseconds (UTC): shifted by the readers' offset, integer division by a day's length
        // names their calendar day.
        var (where, parameters) = Filter(new FlagQuery { AgencyIds = agencyIds, From = from, To = to }, includeStatuses: false);
        parameters.Add("OffsetMs", (long)utcOffset.TotalMilliseconds);
        var sql = $"""
            SELECT (created_at + @OffsetMs) / 86400000 AS day, label, count(*) AS count FROM flags
            WHERE recall_stratum IS NULL AND {where}
            GROUP BY day, label
            ORDER BY day, label;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<DayCountRow>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return rows
            .Select(r => (DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + checked((int)r.Day)), DbCodes.ToLabel(r.Label), checked((int)r.Count)))
            .ToList();
    }
}
