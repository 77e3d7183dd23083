using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialWatch.Core.Learning;

/// <summary>One model's flag-vs-no-flag figures on one evaluation set.</summary>
public sealed record SetScores(double FlagF1, double FlagPrecision, double FlagRecall, double MacroF1);

/// <summary>A gate set: its name (heldout, challenge, decisions), size, and the candidate's and the active model's scores.</summary>
public sealed record GateSet(string Name, int Rows, SetScores Candidate, SetScores Active);

/// <summary>What the gate measured for a candidate, stored as the models row's metrics JSON and shown on the admin page.</summary>
/// <param name="ActiveVersion">The model the candidate was compared with.</param>
public sealed record GateMetrics(string ActiveVersion, IReadOnlyList<GateSet> Sets)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The metrics of a models row; null for a row without a comparison (the shipped model).</summary>
    public static GateMetrics? Parse(string json) =>
        string.IsNullOrWhiteSpace(json) || json == "{}" ? null : JsonSerializer.Deserialize<GateMetrics>(json, Json);
}

/// <summary>
/// The promotion rule (docs/learning.md): on every set the candidate's flag F1 is at most
/// <paramref name="maxRegression"/> below the active model's, and on at least one set it is at least
/// <paramref name="minImprovement"/> above.
/// </summary>
public static class PromotionGate
{
    /// <returns>Whether to promote, and the reason in a sentence naming the deciding set.</returns>
    public static (bool Promote, string Reason) Decide(GateMetrics metrics, double maxRegression, double minImprovement)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var set in metrics.Sets)
        {
            if (set.Candidate.FlagF1 < set.Active.FlagF1 - maxRegression)
            {
                return (false, string.Create(c, $"worse on {set.Name}: flag F1 {set.Candidate.FlagF1:0.000} against {set.Active.FlagF1:0.000} (allowed {maxRegression:0.###} below)"));
            }
        }
        var better = metrics.Sets.Where(s => s.Candidate.FlagF1 >= s.Active.FlagF1 + minImprovement).ToList();
        if (better.Count == 0)
        {
            return (false, string.Create(c, $"no better on any set by {minImprovement:0.###} flag F1 ({string.Join(", ", metrics.Sets.Select(s => $"{s.Name} {s.Candidate.FlagF1:0.000} vs {s.Active.FlagF1:0.000}"))})"));
        }
        return (true, string.Create(c, $"no worse on any set and better on {string.Join(", ", better.Select(s => $"{s.Name} (flag F1 {s.Candidate.FlagF1:0.000} vs {s.Active.FlagF1:0.000})"))}"));
    }
}
