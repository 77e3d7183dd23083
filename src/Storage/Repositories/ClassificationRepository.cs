using System.Text.Json;
using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

/// <summary>Classifications of post versions; scores and signals are JSON text keyed by label code.</summary>
public sealed class ClassificationRepository(DbConnectionFactory connections) : IClassificationRepository
{
    internal const string SelectClassification = """
        SELECT id, post_id, post_version, model_version, label, scores, signals, classified_at FROM classifications
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A signal as stored: the label by its code, so the JSON survives enum reordering.</summary>
    private sealed record SignalJson(string Kind, int Start, int Length, string Text, string Feature, string Label, double Weight, string? Entity);

    internal sealed class ClassificationRow
    {
        public long Id { get; set; }
        public long PostId { get; set; }
        public long PostVersion { get; set; }
        public string ModelVersion { get; set; } = "";
        public string Label { get; set; } = "";
        public string Scores { get; set; } = "{}";
        public string Signals { get; set; } = "[]";
        public long ClassifiedAt { get; set; }

        public StoredClassification ToClassification() => new(
            Id, PostId, checked((int)PostVersion), ModelVersion, DbCodes.ToLabel(Label), ScoresFromJson(Scores), SignalsFromJson(Signals),
            DbValues.FromUnixMs(ClassifiedAt));
    }

    public async Task<StoredClassification> SaveAsync(long postId, int postVersion, ClassificationResult result, DateTimeOffset at, CancellationToken ct = default)
    {
        const string Insert = """
            INSERT INTO classifications (post_id, post_version, model_version, label, scores, signals, classified_at)
            VALUES (@PostId, @PostVersion, @ModelVersion, @Label, @Scores, @Signals, @At)
            ON CONFLICT (post_id, post_version, model_version) DO NOTHING;
            """;
        const string Select = $"""
            {SelectClassification}
            WHERE post_id = @PostId AND post_version = @PostVersion AND model_version = @ModelVersion;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var parameters = new
        {
            PostId = postId,
            PostVersion = postVersion,
            result.ModelVersion,
            Label = result.Label.ToCode(),
            Scores = ScoresToJson(result.Scores),
            Signals = SignalsToJson(result.Signals),
            At = DbValues.ToUnixMs(at),
        };
        await connection.ExecuteAsync(new CommandDefinition(Insert, parameters, transaction, cancellationToken: ct));
        var row = await connection.QuerySingleAsync<ClassificationRow>(new CommandDefinition(Select, parameters, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return row.ToClassification();
    }

    public async Task<StoredClassification?> GetLatestAsync(long postId, CancellationToken ct = default)
    {
        const string Sql = $"""
            {SelectClassification}
            WHERE post_id = @PostId
            ORDER BY post_version DESC, classified_at DESC, id DESC
            LIMIT 1;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ClassificationRow>(new CommandDefinition(Sql, new { PostId = postId }, cancellationToken: ct));
        return row?.ToClassification();
    }

    internal static string ScoresToJson(IReadOnlyDictionary<Label, double> scores) =>
        JsonSerializer.Serialize(scores.ToDictionary(s => s.Key.ToCode(), s => s.Value), Json);

    internal static Dictionary<Label, double> ScoresFromJson(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, double>>(json, Json) ?? [])
            .ToDictionary(s => DbCodes.ToLabel(s.Key), s => s.Value);

    internal static string SignalsToJson(IReadOnlyList<Signal> signals) =>
        JsonSerializer.Serialize(signals.Select(s => new SignalJson(s.Kind, s.Start, s.Length, s.Text, s.Feature, s.Label.ToCode(), s.Weight, s.Entity)), Json);

    internal static List<Signal> SignalsFromJson(string json) =>
        (JsonSerializer.Deserialize<List<SignalJson>>(json, Json) ?? [])
            .Select(s => new Signal(s.Kind, s.Start, s.Length, s.Text, s.Feature, DbCodes.ToLabel(s.Label), s.Weight, s.Entity))
            .ToList();
}
