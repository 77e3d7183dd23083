using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

/// <summary>The closing decisions of flags with the text of the version that was flagged (training examples).</summary>
public sealed class DecisionExampleRepository(DbConnectionFactory connections) : IDecisionExampleRepository
{
    private sealed class Row
    {
        public long FlagId { get; set; }
        public string Kind { get; set; } = "";
        public string? Label { get; set; }
        public string FlagLabel { get; set; } = "";
        public long DecidedAt { get; set; }
        public string Agency { get; set; } = "";
        public string? Text { get; set; }
        public string? SharedText { get; set; }
        public string? MediaDescriptions { get; set; }
        public long? PurgedAt { get; set; }
    }

    public async Task<IReadOnlyList<DecidedPost>> ListDecidedAsync(CancellationToken ct = default)
    {
        // The flagged version is the flag's classification's: an officer judged that text, not a later edit. Only flags
        // that stand decided teach: a confirmation still awaiting its second officer, or a flag reopened, does not.
        const string Sql = """
            SELECT d.flag_id, d.kind, d.label, f.label AS flag_label, d.decided_at, g.code AS agency,
                   v.text, v.shared_text, v.media_descriptions, p.purged_at
            FROM review_decisions d
            JOIN flags f ON f.id = d.flag_id
            JOIN classifications c ON c.id = f.classification_id
            JOIN posts p ON p.id = f.post_id
            JOIN post_versions v ON v.post_id = f.post_id AND v.version = c.post_version
            JOIN agencies g ON g.id = f.agency_id
            WHERE d.kind IN ('confirm', 'dismiss')
              AND d.id = (SELECT max(x.id) FROM review_decisions x WHERE x.flag_id = d.flag_id AND x.kind IN ('confirm', 'dismiss'))
              AND f.status IN ('confirmed', 'dismissed')
            ORDER BY d.flag_id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, cancellationToken: ct));
        return [.. rows.Select(r =>
        {
            var text = r.PurgedAt is null
                ? string.Join("\n", new[] { r.Text, r.SharedText }.Concat(DbValues.FromJsonList(r.MediaDescriptions)).Where(s => !string.IsNullOrWhiteSpace(s)))
                : null;
            return new DecidedPost(r.FlagId, DbCodes.ToDecisionKind(r.Kind), r.Label is null ? null : DbCodes.ToLabel(r.Label), DbCodes.ToLabel(r.FlagLabel),
                DbValues.FromUnixMs(r.DecidedAt), r.Agency, string.IsNullOrWhiteSpace(text) ? null : text);
        })];
    }
}
