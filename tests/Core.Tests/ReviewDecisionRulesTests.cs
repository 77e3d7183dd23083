using SocialWatch.Core.Domain;
using SocialWatch.Core.Review;

namespace SocialWatch.Core.Tests;

public sealed class ReviewDecisionRulesTests
{
    [Theory]
    [InlineData(DecisionKind.Confirm, null, "alasan", "category")]
    [InlineData(DecisionKind.Confirm, ViolationCategory.OnlineCampaign, " ", "reason")]
    [InlineData(DecisionKind.Dismiss, null, null, "reason")]
    [InlineData(DecisionKind.Note, null, "", "text")]
    [InlineData(DecisionKind.Dismiss, ViolationCategory.OnlineCampaign, "alasan", "only a confirmation")]
    [InlineData(DecisionKind.Escalate, null, " ", "supervisor reads it")]
    [InlineData(DecisionKind.Reopen, null, null, "reopening a flag needs a reason")]
    [InlineData(DecisionKind.Disagree, null, "", "disagreeing with a confirmation needs a reason")]
    [InlineData(DecisionKind.Agree, ViolationCategory.OnlineCampaign, "setuju", "only a confirmation")]
    public void Missing_or_misplaced_parts_are_refused(DecisionKind kind, ViolationCategory? category, string? reason, string expected)
    {
        var ex = Assert.Throws<DomainValidationException>(() => ReviewDecisionRules.Validate(kind, category, reason));

        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData(DecisionKind.Confirm, ViolationCategory.PartisanSymbol, "pose dua jari")]
    [InlineData(DecisionKind.Dismiss, null, "informasi resmi KPU")]
    [InlineData(DecisionKind.Escalate, null, "perlu keputusan supervisor")]
    [InlineData(DecisionKind.Assign, null, null)]
    [InlineData(DecisionKind.Agree, null, null)]
    [InlineData(DecisionKind.Reopen, null, "bukti baru dari pelapor")]
    [InlineData(DecisionKind.Note, null, "cek akun lain")]
    public void Complete_decisions_pass(DecisionKind kind, ViolationCategory? category, string? reason) =>
        ReviewDecisionRules.Validate(kind, category, reason);
}
