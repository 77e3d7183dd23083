using SocialWatch.Core.Domain;
using SocialWatch.Core.Learning;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Tests;

/// <summary>The recall estimate, its Wilson interval, the false-flag rates and the promotion gate.</summary>
public sealed class LearningFiguresTests
{
    [Fact]
    public void Wilson_interval_matches_the_textbook_values()
    {
        var interval = Interval.Wilson(8, 10);
        Assert.Equal(0.8, interval.Value, 6);
        Assert.Equal(0.490, interval.Low, 3);
        Assert.Equal(0.943, interval.High, 3);
        Assert.Equal(new Interval(0, 0, 1), Interval.Wilson(0, 0));
    }

    [Fact]
    public void Recall_is_true_flags_over_true_flags_plus_the_weighted_misses()
    {
        // 100 unflagged posts stood for by 10 samples of weight 10; 2 of 8 decided samples were missed flags (25 %):
        // about 25 missed. 40 classifier flags at 75 % precision: 30 true flags. Recall 30 / 55.
        var samples = Enumerable.Range(0, 10).Select(i => (10.0, i switch { < 2 => (bool?)true, < 8 => false, _ => null })).ToList();
        var stats = new LearningStats(samples, [(Label.Endorse, 15, 5), (Label.Oppose, 0, 0)], 40);

        var figures = LearningFigures.From(stats);

        Assert.Equal(30.0 / 55, figures.Recall!.Recall.Value, 6);
        Assert.True(figures.Recall.Recall.Low < figures.Recall.Recall.Value && figures.Recall.Recall.Value < figures.Recall.Recall.High);
        Assert.Equal((8, 2, 2), (figures.Recall.DecidedSamples, figures.Recall.ConfirmedSamples, figures.Recall.PendingSamples));
        var rate = Assert.Single(figures.FalseFlagRates);
        Assert.Equal((Label.Endorse, 20, 0.25), (rate.Label, rate.Decided, rate.Rate.Value));
        Assert.Null(LearningFigures.From(new LearningStats([(10.0, null)], [], 3)).Recall);
    }

    [Fact]
    public void The_gate_promotes_only_when_no_set_is_worse_and_one_is_better()
    {
        static GateSet Set(string name, double candidate, double active) => new(name, 100, new SetScores(candidate, 0, 0, 0), new SetScores(active, 0, 0, 0));

        Assert.True(PromotionGate.Decide(new GateMetrics("a", [Set("heldout", 0.898, 0.9), Set("decisions", 0.8, 0.6)]), 0.005, 0.005).Promote);
        var worse = PromotionGate.Decide(new GateMetrics("a", [Set("heldout", 0.88, 0.9), Set("decisions", 0.9, 0.6)]), 0.005, 0.005);
        Assert.False(worse.Promote);
        Assert.StartsWith("worse on heldout", worse.Reason, StringComparison.Ordinal);
        var same = PromotionGate.Decide(new GateMetrics("a", [Set("heldout", 0.9, 0.9), Set("decisions", 0.602, 0.6)]), 0.005, 0.005);
        Assert.False(same.Promote);
        Assert.StartsWith("no better on any set", same.Reason, StringComparison.Ordinal);
    }
}
