using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Review;

/// <summary>
/// What each case step must carry and when it may be recorded. A case report forwards a reviewer's assessment, so
/// the steps after it must be traceable to paper: a letter number, a forwarding reference, the employee's words.
/// </summary>
public static class CaseStepRules
{
    /// <summary>Longest reference or text we store; longer input is refused rather than cut.</summary>
    public const int MaxReferenceLength = 200;
    public const int MaxTextLength = 8000;

    /// <param name="earlier">The case's steps so far, oldest first.</param>
    /// <param name="hasConfirmedFlag">Whether the person has a confirmed flag: without one there is nothing to clarify.</param>
    /// <param name="today">Today in the readers' time zone: a step cannot be dated in the future.</param>
    /// <exception cref="DomainValidationException">Something required is missing, or the step does not fit the case.</exception>
    public static void Validate(CaseStepInput step, IReadOnlyList<CaseStep> earlier, bool hasConfirmedFlag, DateOnly today)
    {
        if (!hasConfirmedFlag)
        {
            throw new DomainValidationException("this person has no confirmed flag: confirm a flag before recording case steps");
        }
        if (earlier.Any(s => s.Kind == CaseStepKind.Outcome))
        {
            throw new DomainValidationException("this case has an outcome and is closed");
        }
        if (step.Date > today)
        {
            throw new DomainValidationException($"the date {step.Date:yyyy-MM-dd} is in the future");
        }
        if (step.Reference is { Length: > MaxReferenceLength })
        {
            throw new DomainValidationException($"the reference is longer than {MaxReferenceLength} characters");
        }
        if (step.Text is { Length: > MaxTextLength })
        {
            throw new DomainValidationException($"the text is longer than {MaxTextLength} characters");
        }
        var hasReference = !string.IsNullOrWhiteSpace(step.Reference);
        var hasText = !string.IsNullOrWhiteSpace(step.Text);
        switch (step.Kind)
        {
            case CaseStepKind.ClarificationRequested when !hasReference:
                throw new DomainValidationException("a clarification request needs the letter's reference number");
            case CaseStepKind.ResponseReceived when !earlier.Any(s => s.Kind == CaseStepKind.ClarificationRequested):
                throw new DomainValidationException("record the clarification request before the response");
            case CaseStepKind.ResponseReceived when !hasText:
                throw new DomainValidationException("a response needs what the employee said");
            case CaseStepKind.Forwarded when step.Recipient is null:
                throw new DomainValidationException("forwarding needs the recipient (PPK or BKN)");
            case CaseStepKind.Forwarded when !hasReference:
                throw new DomainValidationException("forwarding needs the reference of the letter or file");
            case CaseStepKind.Outcome when step.Outcome is null:
                throw new DomainValidationException("an outcome needs one of: no violation, violation confirmed and forwarded, closed");
            case not CaseStepKind.Forwarded when step.Recipient is not null:
                throw new DomainValidationException("only forwarding names a recipient");
            case not CaseStepKind.Outcome when step.Outcome is not null:
                throw new DomainValidationException("only an outcome step carries an outcome");
        }
    }
}
