using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Review;

namespace SocialWatch.Core.Tests;

public sealed class ReviewQualityTests
{
    private static DecidedFlag Decided(Label label, string model, bool confirmed, double hours) => new(label, model, confirmed, TimeSpan.FromHours(hours));

    [Fact]
    public void Rates_and_medians_per_label_and_model_version()
    {
        var quality = ReviewQuality.From(
        [
            Decided(Label.Endorse, "m1", true, 1), Decided(Label.Endorse, "m1", false, 3), Decided(Label.Endorse, "m2", true, 8),
            Decided(Label.Campaign, "m2", false, 2),
        ]);

        Assert.Equal((4, 2, 2, 0.5, 0.5, TimeSpan.FromHours(2.5)),
            (quality.Overall.Decided, quality.Overall.Confirmed, quality.Overall.Dismissed, quality.Overall.ConfirmRate, quality.Overall.DismissRate, quality.Overall.MedianTimeToDecision));
        Assert.Equal(["endorse", "oppose", "campaign"], quality.ByLabel.Select(r => r.Key));
        var endorse = quality.ByLabel[0];
        Assert.Equal((2, 1, TimeSpan.FromHours(3)), (endorse.Confirmed, endorse.Dismissed, endorse.MedianTimeToDecision));
        Assert.Equal(2.0 / 3, endorse.ConfirmRate!.Value, 9);
        var oppose = quality.ByLabel[1];
        Assert.Equal((0, null, null), (oppose.Decided, oppose.ConfirmRate, oppose.MedianTimeToDecision));
        Assert.Equal(["m1", "m2"], quality.ByModelVersion.Select(r => r.Key));
        Assert.Equal((1, 1, TimeSpan.FromHours(2)), (quality.ByModelVersion[0].Confirmed, quality.ByModelVersion[0].Dismissed, quality.ByModelVersion[0].MedianTimeToDecision));
        Assert.Equal(TimeSpan.FromHours(5), quality.ByModelVersion[1].MedianTimeToDecision);
    }

    [Fact]
    public void Nothing_decided_has_no_rates()
    {
        var quality = ReviewQuality.From([]);

        Assert.Equal((0, null, null), (quality.Overall.Decided, quality.Overall.DismissRate, quality.Overall.MedianTimeToDecision));
        Assert.Empty(quality.ByModelVersion);
    }
}
