using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

/// <summary>The daily recall sample's rows of the flags table (recall_stratum set) and the figures the dashboard estimates recall from.</summary>
public sealed class RecallSampleRepository(DbConnectionFactory connections) : IRecallSampleRepository
{
    public async Task<IReadOnlyList<UnflaggedPost>> ListUnflaggedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        // The latest classification of the current version: what the model in use thinks of the post as it stands.
        const string Sql = """
            SELECT p.id AS post_id, c.id AS classification_id, c.scores
            FROM posts p
            JOIN classifications c ON c.id = (SELECT max(x.id) FROM classifications x WHERE x.post_id = p.id AND x.post_version = p.current_version)
            WHERE p.fetched_at >= @From AND p.fetched_at < @To AND p.purged_at IS NULL AND p.deleted_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.post_id = p.id)
            ORDER BY p.id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long PostId, long ClassificationId, string Scores)>(
            new CommandDefinition(Sql, new { From = DbValues.ToUnixMs(from), To = DbValues.ToUnixMs(to) }, cancellationToken: ct));
        return [.. rows.Select(r => new UnflaggedPost(r.PostId, r.ClassificationId, ClassificationRepository.ScoresFromJson(r.Scores)))];
    }

    public async Task<int> AddAsync(IReadOnlyList<RecallSample> samples, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        const string Insert = """
            INSERT INTO flags (post_id, classification_id, label, score, status, created_at, updated_at, agency_id, platform, post_created_at, staff_id, recall_stratum, recall_weight)
            SELECT p.id, @ClassificationId, @Label, @Score, 'open', @At, @At, s.agency_id, p.platform, p.created_at, s.id, @Stratum, @Weight
            FROM posts p JOIN accounts a ON a.id = p.account_id JOIN staff s ON s.id = a.staff_id
            WHERE p.id = @PostId
            ON CONFLICT (post_id) DO NOTHING;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var added = 0;
        foreach (var sample in samples)
        {
            added += await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                sample.PostId,
                sample.ClassificationId,
                Label = sample.Label.ToCode(),
                sample.Score,
                At = DbValues.ToUnixMs(at),
                Stratum = sample.Stratum == RecallStratum.Near ? "near" : "random",
                sample.Weight,
            }, transaction, cancellationToken: ct));
        }
        await transaction.CommitAsync(ct);
        return added;
    }

    public async Task<LearningStats> GetStatsAsync(CancellationToken ct = default)
    {
        const string Samples = "SELECT recall_weight AS weight, status, created_at FROM flags WHERE recall_stratum IS NOT NULL;";
        const string Decisions = """
            SELECT label, sum(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END) AS confirmed, sum(CASE WHEN status = 'dismissed' THEN 1 ELSE 0 END) AS dismissed
            FROM flags WHERE recall_stratum IS NULL AND status IN ('confirmed', 'dismissed') GROUP BY label;
            """;
        // A sample is drawn the morning after the day it covers, so the classifier's flags of the same days start a day
        // before the first sample and end with the last.
        const string Window = "SELECT count(*) FROM flags WHERE recall_stratum IS NULL AND created_at >= @From AND created_at < @To;";
        await using var connection = await connections.OpenAsync(ct);
        var samples = (await connection.QueryAsync<(double Weight, string Status, long CreatedAt)>(new CommandDefinition(Samples, cancellationToken: ct))).ToList();
        var decisions = await connection.QueryAsync<(string Label, long Confirmed, long Dismissed)>(new CommandDefinition(Decisions, cancellationToken: ct));
        var inWindow = samples.Count == 0 ? 0 : await connection.ExecuteScalarAsync<long>(new CommandDefinition(Window,
            new { From = samples.Min(s => s.CreatedAt) - 86_400_000L, To = samples.Max(s => s.CreatedAt) }, cancellationToken: ct));
        return new LearningStats(
            [.. samples.Select(s => (s.Weight, s.Status switch { "confirmed" => true, "dismissed" => (bool?)false, _ => null }))],
            [.. decisions.Select(d => (DbCodes.ToLabel(d.Label), checked((int)d.Confirmed), checked((int)d.Dismissed)))],
            checked((int)inWindow));
    }
}
