using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Learning;

/// <summary>A proportion with its 95 % Wilson score interval.</summary>
public sealed record Interval(double Value, double Low, double High)
{
    private const double Z = 1.96;

    /// <param name="n">The (effective) number of trials; the interval of 0 trials is [0, 1].</param>
    public static Interval Wilson(double successes, double n)
    {
        if (n <= 0)
        {
            return new Interval(0, 0, 1);
        }
        var p = successes / n;
        var z2 = Z * Z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Interval(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}

/// <param name="Recall">Estimated share of the posts that should be flagged which the classifier flagged, with its interval.</param>
/// <param name="DecidedSamples">Recall samples an officer confirmed or dismissed; <paramref name="ConfirmedSamples"/> of them were missed flags.</param>
/// <param name="PendingSamples">Samples still waiting in the queue.</param>
public sealed record RecallEstimate(Interval Recall, int DecidedSamples, int ConfirmedSamples, int PendingSamples, double EstimatedMissed, double EstimatedTrueFlags);

/// <summary>Per flag label: the share of decided flags the officers dismissed.</summary>
public sealed record FalseFlagRate(Label Label, int Decided, Interval Rate);

/// <summary>The dashboard's learning figures (docs/learning.md, "Recall estimate").</summary>
public sealed record LearningFigures(RecallEstimate? Recall, IReadOnlyList<FalseFlagRate> FalseFlagRates)
{
    /// <summary>
    /// Recall = true flags / (true flags + missed). Missed = the unflagged posts the samples stand for (Σ weights) ×
    /// the weighted share of decided samples officers confirmed; true flags = the classifier's flags over the same days
    /// × the share of decided flags officers confirmed. The interval is Wilson's on the confirmed share of samples
    /// (with Kish's effective sample size for the weights), carried through the formula; the precision's own
    /// uncertainty is left out. Null until an officer has decided a sample.
    /// </summary>
    public static LearningFigures From(LearningStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var rates = stats.FlagDecisions
            .Where(d => d.Confirmed + d.Dismissed > 0)
            .OrderBy(d => d.Label)
            .Select(d => new FalseFlagRate(d.Label, d.Confirmed + d.Dismissed, Interval.Wilson(d.Dismissed, d.Confirmed + d.Dismissed)))
            .ToList();
        var decided = stats.Samples.Where(s => s.Confirmed is not null).ToList();
        if (decided.Count == 0)
        {
            return new LearningFigures(null, rates);
        }
        var weight = decided.Sum(s => s.Weight);
        var confirmedWeight = decided.Where(s => s.Confirmed == true).Sum(s => s.Weight);
        var effectiveN = weight * weight / decided.Sum(s => s.Weight * s.Weight);
        var missedShare = Interval.Wilson(confirmedWeight / weight * effectiveN, effectiveN);
        var population = stats.Samples.Sum(s => s.Weight);
        var (confirmedFlags, decidedFlags) = (stats.FlagDecisions.Sum(d => d.Confirmed), stats.FlagDecisions.Sum(d => d.Confirmed + d.Dismissed));
        var precision = decidedFlags == 0 ? 1 : (double)confirmedFlags / decidedFlags;
        var trueFlags = stats.ClassifierFlagsInWindow * precision;
        double RecallAt(double share) => trueFlags + share * population == 0 ? 1 : trueFlags / (trueFlags + share * population);
        // Recall falls as the missed share grows, so the share's upper bound is recall's lower bound.
        var recall = new Interval(RecallAt(missedShare.Value), RecallAt(missedShare.High), RecallAt(missedShare.Low));
        return new LearningFigures(
            new RecallEstimate(recall, decided.Count, decided.Count(s => s.Confirmed == true), stats.Samples.Count - decided.Count, missedShare.Value * population, trueFlags),
            rates);
    }
}
