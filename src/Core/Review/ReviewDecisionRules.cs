using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Review;

/// <summary>
/// What a reviewer must supply with each decision, and the flag status each decision leads to. A confirmed
/// flag is forwarded to an agency with its category and reason, and a dismissal becomes a training example,
/// so neither may be taken without a written reason.
/// </summary>
public static class ReviewDecisionRules
{
    /// <exception cref="DomainValidationException">A required category or reason is missing.</exception>
    public static void Validate(DecisionKind kind, ViolationCategory? category, string? reason) => Validate(kind, category, reason, label: null);

    /// <summary>As the other overload, with the label the officer chose (see <see cref="ReviewDecision.Label"/>).</summary>
    /// <exception cref="DomainValidationException">A required category or reason is missing, or the label does not fit the decision.</exception>
    public static void Validate(DecisionKind kind, ViolationCategory? category, string? reason, Label? label)
    {
        switch (kind)
        {
            case DecisionKind.Confirm when label is { } chosen && !chosen.IsFlag():
                throw new DomainValidationException("a confirmation's label is endorse, oppose or campaign; a post that is none of them is dismissed");
            case DecisionKind.Dismiss when label is { } chosen && chosen.IsFlag():
                throw new DomainValidationException("a dismissal's label is civic or other; a post that endorses, opposes or campaigns is confirmed");
            case not (DecisionKind.Confirm or DecisionKind.Dismiss) when label is not null:
                throw new DomainValidationException("only a confirmation or a dismissal carries a label");
        }
        var hasReason = !string.IsNullOrWhiteSpace(reason);
        switch (kind)
        {
            case DecisionKind.Confirm when category is null:
                throw new DomainValidationException("confirming a flag needs the neutrality-rule category");
            case DecisionKind.Confirm when !hasReason:
                throw new DomainValidationException("confirming a flag needs a reason");
            case DecisionKind.Dismiss when !hasReason:
                throw new DomainValidationException("dismissing a flag needs a reason");
            case DecisionKind.Note when !hasReason:
                throw new DomainValidationException("a note needs text");
            case DecisionKind.Escalate when !hasReason:
                throw new DomainValidationException("escalating a flag needs a reason: the supervisor reads it first");
            case DecisionKind.Reopen when !hasReason:
                throw new DomainValidationException("reopening a flag needs a reason");
            case DecisionKind.Disagree when !hasReason:
                throw new DomainValidationException("disagreeing with a confirmation needs a reason");
            case not DecisionKind.Confirm when category is not null:
                throw new DomainValidationException("only a confirmation carries a violation category");
        }
    }

    /// <summary>
    /// The status a flag moves to, or null when the decision leaves the status as it is (a note). A confirmation is
    /// final here; where a second reviewer is required the console moves it to <see cref="FlagStatus.AwaitingSecondReview"/> instead.
    /// </summary>
    public static FlagStatus? ResultingStatus(DecisionKind kind) => kind switch
    {
        DecisionKind.Confirm => FlagStatus.Confirmed,
        DecisionKind.Dismiss => FlagStatus.Dismissed,
        DecisionKind.Escalate => FlagStatus.Escalated,
        DecisionKind.Assign => FlagStatus.InReview,
        DecisionKind.Note => null,
        DecisionKind.Reopen or DecisionKind.Disagree => FlagStatus.Open,
        DecisionKind.Agree => FlagStatus.Confirmed,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
