using System.Globalization;
using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

/// <summary>Case steps (one person's case after a confirmation), and cases counted and listed by stage.</summary>
public sealed class CaseRepository(DbConnectionFactory connections) : ICaseRepository
{
    private const string StepColumns = "id, staff_id, agency_id, kind, step_date, reference, text, recipient, outcome, user_id, recorded_at";

    // Each person with a step is in the stage of their latest step; a person with a confirmed flag and no step is
    // still to clarify. The CASE spells CaseStep.Stage in SQL so the stage can be filtered and counted here.
    private static string CasesSql(string agencyFilter) => $"""
        WITH cases AS (
            SELECT c.staff_id, c.agency_id,
                   CASE c.kind WHEN 'clarification_requested' THEN 'awaiting_response' WHEN 'response_received' THEN 'response_received'
                               WHEN 'forwarded' THEN 'forwarded' ELSE 'closed' END AS stage,
                   c.step_date
            FROM case_steps c
            WHERE c.id = (SELECT max(x.id) FROM case_steps x WHERE x.staff_id = c.staff_id)
            UNION ALL
            SELECT f.staff_id, f.agency_id, 'to_clarify', NULL
            FROM flags f
            WHERE f.status = 'confirmed' AND NOT EXISTS (SELECT 1 FROM case_steps x WHERE x.staff_id = f.staff_id)
            GROUP BY f.staff_id, f.agency_id
        )
        SELECT cases.staff_id, cases.agency_id, cases.stage, cases.step_date FROM cases WHERE {agencyFilter}
        """;

    private sealed class StepRow
    {
        public long Id { get; set; }
        public long StaffId { get; set; }
        public long AgencyId { get; set; }
        public string Kind { get; set; } = "";
        public string StepDate { get; set; } = "";
        public string? Reference { get; set; }
        public string? Text { get; set; }
        public string? Recipient { get; set; }
        public string? Outcome { get; set; }
        public long UserId { get; set; }
        public long RecordedAt { get; set; }

        public CaseStep ToStep() => new(Id, StaffId, AgencyId, Code<CaseStepKind>(Kind, CaseCodes.ToCode), ParseDate(StepDate), Reference, Text,
            Recipient is null ? null : Code<CaseRecipient>(Recipient, CaseCodes.ToCode), Outcome is null ? null : Code<CaseOutcome>(Outcome, CaseCodes.ToCode),
            UserId, DbValues.FromUnixMs(RecordedAt));
    }

    private sealed class CaseRow
    {
        public long StaffId { get; set; }
        public long AgencyId { get; set; }
        public string Stage { get; set; } = "";
        public string? StepDate { get; set; }
        public string Nip { get; set; } = "";
        public string StaffName { get; set; } = "";
        public string AgencyName { get; set; } = "";

        public CaseSummary ToSummary() => new(StaffId, DbCodes.ToNip(Nip), StaffName, AgencyId, AgencyName, Code<CaseStage>(Stage, CaseCodes.ToCode),
            StepDate is null ? null : ParseDate(StepDate));
    }

    public async Task<CaseStep> AddStepAsync(long staffId, long userId, CaseStepInput step, DateTimeOffset at, CancellationToken ct = default)
    {
        const string Sql = $"""
            INSERT INTO case_steps (staff_id, agency_id, kind, step_date, reference, text, recipient, outcome, user_id, recorded_at)
            SELECT s.id, s.agency_id, @Kind, @StepDate, @Reference, @Text, @Recipient, @Outcome, @UserId, @At
            FROM staff s WHERE s.id = @StaffId
            RETURNING {StepColumns};
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<StepRow>(new CommandDefinition(Sql, new
        {
            StaffId = staffId,
            Kind = step.Kind.ToCode(),
            StepDate = step.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Reference = Clean(step.Reference),
            Text = Clean(step.Text),
            Recipient = step.Recipient?.ToCode(),
            Outcome = step.Outcome?.ToCode(),
            UserId = userId,
            At = DbValues.ToUnixMs(at),
        }, cancellationToken: ct));
        return row?.ToStep() ?? throw new DomainValidationException($"no staff member with id {staffId}");
    }

    public async Task<IReadOnlyList<CaseStep>> ListStepsAsync(long staffId, CancellationToken ct = default)
    {
        const string Sql = $"SELECT {StepColumns} FROM case_steps WHERE staff_id = @StaffId ORDER BY id;";
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<StepRow>(new CommandDefinition(Sql, new { StaffId = staffId }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToStep())];
    }

    public async Task<IReadOnlyDictionary<CaseStage, int>> CountByStageAsync(IReadOnlyList<long>? agencyIds, CancellationToken ct = default)
    {
        var (filter, parameters) = AgencyFilter(agencyIds);
        var sql = $"SELECT stage, count(*) FROM ({CasesSql(filter)}) staged GROUP BY stage;";
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Stage, long Count)>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        var counts = Enum.GetValues<CaseStage>().ToDictionary(s => s, _ => 0);
        foreach (var (stage, count) in rows)
        {
            counts[Code<CaseStage>(stage, CaseCodes.ToCode)] = checked((int)count);
        }
        return counts;
    }

    public async Task<IReadOnlyList<CaseSummary>> ListByStageAsync(IReadOnlyList<long>? agencyIds, CaseStage stage, int limit, CancellationToken ct = default)
    {
        var (filter, parameters) = AgencyFilter(agencyIds);
        parameters.Add("Stage", stage.ToCode());
        parameters.Add("Take", Math.Clamp(limit, 1, 1000));
        var sql = $"""
            SELECT staged.staff_id, staged.agency_id, staged.stage, staged.step_date, s.nip, s.name AS staff_name, g.name AS agency_name
            FROM ({CasesSql(filter)}) staged
            JOIN staff s ON s.id = staged.staff_id
            JOIN agencies g ON g.id = staged.agency_id
            WHERE staged.stage = @Stage
            ORDER BY coalesce(staged.step_date, ''), s.name, staged.staff_id
            LIMIT @Take;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<CaseRow>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return [.. rows.Select(r => r.ToSummary())];
    }

    private (string Filter, DynamicParameters Parameters) AgencyFilter(IReadOnlyList<long>? agencyIds)
    {
        var parameters = new DynamicParameters();
        if (agencyIds is null)
        {
            return ("1 = 1", parameters);
        }
        parameters.Add("AgencyIds", agencyIds.ToArray());
        return (connections.Dialect.InList("cases.agency_id", "AgencyIds"), parameters);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static T Code<T>(string code, Func<T, string> toCode) where T : struct, Enum =>
        CaseCodes.Parse(code, toCode) ?? throw new InvalidDataException($"unknown {typeof(T).Name} '{code}' in the database");
}
