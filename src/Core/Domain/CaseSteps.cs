namespace SocialWatch.Core.Domain;

/// <summary>
/// What happens to a case (one employee, by NIP) after a flag is confirmed, as the officer records it. SocialWatch
/// sends nothing itself: each step records something a person did outside it (a letter signed and sent, an answer
/// received, a file handed to the PPK or BKN, the agency's conclusion).
/// </summary>
public enum CaseStepKind
{
    /// <summary>The employee was asked in writing to clarify (letter date and reference).</summary>
    ClarificationRequested,
    /// <summary>The employee answered (date and what they said).</summary>
    ResponseReceived,
    /// <summary>The case went to the PPK or BKN (date, recipient, reference).</summary>
    Forwarded,
    /// <summary>The case ended (date and outcome). Nothing is recorded after it.</summary>
    Outcome,
}

/// <summary>Who a case is forwarded to.</summary>
public enum CaseRecipient
{
    /// <summary>Pejabat Pembina Kepegawaian: the agency head who examines and decides.</summary>
    Ppk,
    /// <summary>Badan Kepegawaian Negara.</summary>
    Bkn,
}

/// <summary>How a case ended. A conclusion reached by people; SocialWatch only records it.</summary>
public enum CaseOutcome
{
    NoViolation,
    ViolationForwarded,
    Closed,
}

/// <summary>Where a case stands, from its latest step; <see cref="ToClarify"/> is a person with a confirmed flag and no step yet.</summary>
public enum CaseStage
{
    ToClarify,
    AwaitingResponse,
    ResponseReceived,
    Forwarded,
    Closed,
}

/// <summary>One recorded step of a case. Append-only: a mistake is corrected by recording the step again.</summary>
/// <param name="Date">The date on the letter or of the event (a calendar day, as the officer wrote it).</param>
/// <param name="Reference">The letter's number (clarification) or the forwarding reference.</param>
/// <param name="Text">The employee's response, or a remark on the outcome.</param>
public sealed record CaseStep(
    long Id,
    long StaffId,
    long AgencyId,
    CaseStepKind Kind,
    DateOnly Date,
    string? Reference,
    string? Text,
    CaseRecipient? Recipient,
    CaseOutcome? Outcome,
    long UserId,
    DateTimeOffset RecordedAt)
{
    /// <summary>The stage a case is in when this is its latest step.</summary>
    public CaseStage Stage => Kind switch
    {
        CaseStepKind.ClarificationRequested => CaseStage.AwaitingResponse,
        CaseStepKind.ResponseReceived => CaseStage.ResponseReceived,
        CaseStepKind.Forwarded => CaseStage.Forwarded,
        CaseStepKind.Outcome => CaseStage.Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };
}

/// <summary>A step as the officer entered it, before it is checked and stored.</summary>
public sealed record CaseStepInput(CaseStepKind Kind, DateOnly Date, string? Reference, string? Text, CaseRecipient? Recipient, CaseOutcome? Outcome);

/// <summary>
/// The one spelling of the case enums on every wire (database, forms, query strings): <c>clarification_requested</c>,
/// <c>ppk</c>, <c>no_violation</c>, <c>awaiting_response</c>…
/// </summary>
public static class CaseCodes
{
    public static string ToCode(this CaseStepKind kind) => kind switch
    {
        CaseStepKind.ClarificationRequested => "clarification_requested",
        CaseStepKind.ResponseReceived => "response_received",
        CaseStepKind.Forwarded => "forwarded",
        CaseStepKind.Outcome => "outcome",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ToCode(this CaseRecipient recipient) => recipient switch
    {
        CaseRecipient.Ppk => "ppk",
        CaseRecipient.Bkn => "bkn",
        _ => throw new ArgumentOutOfRangeException(nameof(recipient), recipient, null),
    };

    public static string ToCode(this CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.NoViolation => "no_violation",
        CaseOutcome.ViolationForwarded => "violation_forwarded",
        CaseOutcome.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static string ToCode(this CaseStage stage) => stage switch
    {
        CaseStage.ToClarify => "to_clarify",
        CaseStage.AwaitingResponse => "awaiting_response",
        CaseStage.ResponseReceived => "response_received",
        CaseStage.Forwarded => "forwarded",
        CaseStage.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    /// <summary>The enum value whose code is <paramref name="code"/>; null for anything else (including null).</summary>
    public static T? Parse<T>(string? code, Func<T, string> toCode) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => string.Equals(toCode(v!.Value), code?.Trim(), StringComparison.Ordinal));
}
