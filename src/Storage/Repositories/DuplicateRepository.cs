using System.Text;
using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

/// <summary>Near-duplicate groups: flags sharing the text fingerprint of their flagged version (flags.text_fingerprint, migration 0020).</summary>
public sealed class DuplicateRepository(DbConnectionFactory connections) : IDuplicateRepository
{
    private sealed class GroupRow
    {
        public long FlagId { get; set; }
        public string Fingerprint { get; set; } = "";
        public long Flags { get; set; }
        public long Accounts { get; set; }
    }

    private sealed class MemberRow
    {
        public long Id { get; set; }
        public string Status { get; set; } = "";
        public string Label { get; set; } = "";
        public long CreatedAt { get; set; }
        public string Platform { get; set; } = "";
        public string Handle { get; set; } = "";
        public string StaffName { get; set; } = "";
        public string StaffNip { get; set; } = "";
        public string AgencyName { get; set; } = "";
        public string? Excerpt { get; set; }

        public DuplicateMember ToMember() => new(Id, DbCodes.ToFlagStatus(Status), DbCodes.ToLabel(Label), DbValues.FromUnixMs(CreatedAt), DbCodes.ToPlatform(Platform),
            Handle, StaffName, DbCodes.ToNip(StaffNip), AgencyName, Excerpt ?? "");
    }

    public async Task RecordFingerprintAsync(long flagId, string? fingerprint, CancellationToken ct = default)
    {
        if (fingerprint is null)
        {
            return;
        }
        const string Sql = "UPDATE flags SET text_fingerprint = @Fingerprint WHERE id = @FlagId AND text_fingerprint IS NULL;";
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { FlagId = flagId, Fingerprint = fingerprint }, cancellationToken: ct));
    }

    public async Task<IReadOnlyDictionary<long, DuplicateGroup>> GroupsOfAsync(IReadOnlyList<long> flagIds, IReadOnlyList<long>? agencyIds, CancellationToken ct = default)
    {
        if (flagIds.Count == 0 || agencyIds is { Count: 0 })
        {
            return new Dictionary<long, DuplicateGroup>();
        }
        var dialect = connections.Dialect;
        var sql = new StringBuilder($"""
            SELECT f.id AS flag_id, f.text_fingerprint AS fingerprint, count(*) AS flags, count(DISTINCT p.account_id) AS accounts
            FROM flags f
            JOIN flags g ON g.text_fingerprint = f.text_fingerprint
            JOIN posts p ON p.id = g.post_id
            WHERE {dialect.InList("f.id", "FlagIds")} AND f.text_fingerprint IS NOT NULL
            """);
        var parameters = new DynamicParameters();
        parameters.Add("FlagIds", flagIds.ToArray());
        if (agencyIds is not null)
        {
            sql.Append(" AND ").Append(dialect.InList("f.agency_id", "AgencyIds")).Append(" AND ").Append(dialect.InList("g.agency_id", "AgencyIds"));
            parameters.Add("AgencyIds", agencyIds.ToArray());
        }
        sql.Append(" GROUP BY f.id, f.text_fingerprint HAVING count(DISTINCT p.account_id) > 1;");
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<GroupRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct));
        return rows.ToDictionary(r => r.FlagId, r => new DuplicateGroup(r.Fingerprint, checked((int)r.Flags), checked((int)r.Accounts)));
    }

    public async Task<IReadOnlyList<DuplicateMember>> ListAsync(string fingerprint, IReadOnlyList<long>? agencyIds, int limit, CancellationToken ct = default)
    {
        if (agencyIds is { Count: 0 })
        {
            return [];
        }
        var parameters = new DynamicParameters();
        parameters.Add("Fingerprint", fingerprint);
        parameters.Add("Take", Math.Clamp(limit, 1, 1000));
        var scope = "";
        if (agencyIds is not null)
        {
            scope = " AND " + connections.Dialect.InList("f.agency_id", "AgencyIds");
            parameters.Add("AgencyIds", agencyIds.ToArray());
        }
        var sql = $"""
            SELECT f.id, f.status, f.label, f.created_at, f.platform, a.handle, s.name AS staff_name, s.nip AS staff_nip, g.name AS agency_name,
                   substr(coalesce(nullif(v.text, ''), v.shared_text, ''), 1, {FlagRepository.ExcerptLength}) AS excerpt
            FROM flags f
            JOIN classifications c ON c.id = f.classification_id
            JOIN posts p ON p.id = f.post_id
            JOIN post_versions v ON v.post_id = p.id AND v.version = c.post_version
            JOIN accounts a ON a.id = p.account_id
            JOIN staff s ON s.id = a.staff_id
            JOIN agencies g ON g.id = f.agency_id
            WHERE f.text_fingerprint = @Fingerprint{scope}
            ORDER BY f.created_at DESC, f.id DESC
            LIMIT @Take;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return [.. rows.Select(r => r.ToMember())];
    }
}
