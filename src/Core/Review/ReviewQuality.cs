using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Review;

/// <summary>How reviewers answered one group of flags (a label, a model version, or all).</summary>
/// <param name="Key">A label code, a model version, or "all".</param>
/// <param name="MedianTimeToDecision">From flag raised to decided; null when nothing was decided.</param>
public sealed record ReviewQualityRow(string Key, int Confirmed, int Dismissed, TimeSpan? MedianTimeToDecision)
{
    public int Decided => Confirmed + Dismissed;

    /// <summary>Share of the decided flags that were confirmed, 0–1; null when none was decided.</summary>
    public double? ConfirmRate => Decided == 0 ? null : (double)Confirmed / Decided;

    public double? DismissRate => Decided == 0 ? null : (double)Dismissed / Decided;
}

/// <summary>
/// The review-quality numbers: confirm and dismiss rates and the median time to decision, overall, per label and per
/// model version. A high dismiss rate for one label or one model is what tells whoever trains the next model where it errs.
/// </summary>
public sealed record ReviewQuality(ReviewQualityRow Overall, IReadOnlyList<ReviewQualityRow> ByLabel, IReadOnlyList<ReviewQualityRow> ByModelVersion)
{
    public const string OverallKey = "all";

    /// <summary>Every flag label appears in <see cref="ByLabel"/> (with zeros when undecided); model versions only when they have decisions.</summary>
    public static ReviewQuality From(IReadOnlyList<DecidedFlag> decided)
    {
        ArgumentNullException.ThrowIfNull(decided);
        return new ReviewQuality(
            Row(OverallKey, decided),
            [.. LabelNames.All.Where(l => l.IsFlag()).Select(label => Row(label.ToCode(), [.. decided.Where(d => d.Label == label)]))],
            [.. decided.GroupBy(d => d.ModelVersion, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Row(g.Key, [.. g]))]);
    }

    private static ReviewQualityRow Row(string key, IReadOnlyList<DecidedFlag> flags)
    {
        var confirmed = flags.Count(f => f.Confirmed);
        return new ReviewQualityRow(key, confirmed, flags.Count - confirmed, Median([.. flags.Select(f => f.TimeToDecision)]));
    }

    /// <summary>The middle value; for an even count, halfway between the two middle ones.</summary>
    private static TimeSpan? Median(IReadOnlyList<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : sorted[middle - 1] + ((sorted[middle] - sorted[middle - 1]) / 2);
    }
}
