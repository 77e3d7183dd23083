using Dapper;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

/// <summary>
/// The models table. Activating is one UPDATE of one row's activated_at, so every node's reloader sees either the
/// old active model or the new one, never neither.
/// </summary>
public sealed class ModelRegistry(DbConnectionFactory connections) : IModelRegistry
{
    private const string Columns = "id, version, file_path, trained_at, origin, training_rows, decision_rows, heldback_rows, metrics, promoted, reason, activated_at";

    private sealed class Row
    {
        public long Id { get; set; }
        public string Version { get; set; } = "";
        public string FilePath { get; set; } = "";
        public long TrainedAt { get; set; }
        public string Origin { get; set; } = "";
        public long TrainingRows { get; set; }
        public long DecisionRows { get; set; }
        public long HeldbackRows { get; set; }
        public string Metrics { get; set; } = "";
        public bool Promoted { get; set; }
        public string Reason { get; set; } = "";
        public long? ActivatedAt { get; set; }

        public ModelRecord ToRecord() => new(Id, Version, FilePath, DbValues.FromUnixMs(TrainedAt),
            Origin == "shipped" ? ModelOrigin.Shipped : ModelOrigin.Retrained, checked((int)TrainingRows), checked((int)DecisionRows),
            checked((int)HeldbackRows), Metrics, Promoted, Reason, DbValues.FromUnixMs(ActivatedAt));
    }

    public async Task<ModelRecord> AddAsync(ModelRecord model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        const string Sql = $"""
            INSERT INTO models (version, file_path, trained_at, origin, training_rows, decision_rows, heldback_rows, metrics, promoted, reason, activated_at)
            VALUES (@Version, @FilePath, @TrainedAt, @Origin, @TrainingRows, @DecisionRows, @HeldBackRows, @Metrics, @Promoted, @Reason, @ActivatedAt)
            RETURNING {Columns};
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(Sql, new
        {
            model.Version,
            model.FilePath,
            TrainedAt = DbValues.ToUnixMs(model.TrainedAt),
            Origin = model.Origin == ModelOrigin.Shipped ? "shipped" : "retrained",
            TrainingRows = (long)model.TrainingRows,
            DecisionRows = (long)model.DecisionRows,
            HeldBackRows = (long)model.HeldBackRows,
            model.Metrics,
            model.Promoted,
            model.Reason,
            ActivatedAt = model.ActivatedAt is { } at ? DbValues.ToUnixMs(at) : (long?)null,
        }, cancellationToken: ct));
        return row.ToRecord();
    }

    public async Task<IReadOnlyList<ModelRecord>> ListAsync(CancellationToken ct = default)
    {
        const string Sql = $"SELECT {Columns} FROM models ORDER BY id DESC;";
        await using var connection = await connections.OpenAsync(ct);
        return [.. (await connection.QueryAsync<Row>(new CommandDefinition(Sql, cancellationToken: ct))).Select(r => r.ToRecord())];
    }

    public async Task<ModelRecord?> GetActiveAsync(CancellationToken ct = default)
    {
        const string Sql = $"SELECT {Columns} FROM models WHERE activated_at IS NOT NULL ORDER BY activated_at DESC, id DESC LIMIT 1;";
        await using var connection = await connections.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Sql, cancellationToken: ct)))?.ToRecord();
    }

    public async Task<ModelRecord?> ActivateAsync(string version, DateTimeOffset at, CancellationToken ct = default)
    {
        // activated_at only ever grows, so "activated last" stays well defined even when two activations share a millisecond.
        const string Sql = $"""
            UPDATE models SET activated_at = (SELECT max(m.at) FROM (SELECT @At AS at UNION ALL SELECT max(activated_at) + 1 FROM models) m)
            WHERE id = (SELECT max(id) FROM models WHERE version = @Version)
            RETURNING {Columns};
            """;
        await using var connection = await connections.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Sql, new { Version = version, At = DbValues.ToUnixMs(at) }, cancellationToken: ct)))?.ToRecord();
    }
}
