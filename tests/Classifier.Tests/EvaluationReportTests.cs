using SocialWatch.Classifier.Training;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Tests;

public class EvaluationReportTests
{
    [Fact]
    public void Computes_per_label_and_flag_metrics_by_hand()
    {
        var report = EvaluationReport.Compute(
        [
            (Label.Endorse, Label.Endorse, true),
            (Label.Endorse, Label.Oppose, true),   // wrong flag label, still a caught flag
            (Label.Oppose, Label.Other, false),    // missed flag
            (Label.Civic, Label.Campaign, true),   // false flag
            (Label.Other, Label.Other, false),
        ]);

        var endorse = report.Labels.Single(l => l.Name == "endorse");
        Assert.Equal((2, 1, 1), (endorse.Support, endorse.Predicted, endorse.Correct));
        Assert.Equal(1.0, endorse.Precision);
        Assert.Equal(0.5, endorse.Recall);
        Assert.Equal((3, 3, 2), (report.Flag.Support, report.Flag.Predicted, report.Flag.Correct));
        Assert.Equal(1, report.FalseFlags);
        Assert.Equal(0.5, report.FalseFlagRate);
        Assert.Equal(1, report.Confusion[(int)Label.Civic, (int)Label.Campaign]);
        Assert.Equal(0.4, report.Accuracy, 6);
    }
}
