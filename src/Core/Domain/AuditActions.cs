namespace SocialWatch.Core.Domain;

/// <summary>
/// Every action name written to the audit log, by the console, the CLI and the service alike: one name per operation,
/// stable, because auditors filter by them (the audit page offers <see cref="All"/>). docs/console.md lists them.
/// </summary>
public static class AuditActions
{
    public const string SignInSucceeded = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string SignOut = "signout";
    public const string FlagViewed = "flag.viewed";
    public const string CaseReportViewed = "casereport.viewed";
    public const string CaseFileViewed = "casefile.viewed";
    /// <summary>The report over several posts of one person (print view or PDF; the details say which flags).</summary>
    public const string CaseFileReportViewed = "casefile.report";
    /// <summary>A flag given back to nobody; an assignment (to oneself or another officer) is <c>flag.assign</c>.</summary>
    public const string FlagUnassigned = "flag.unassign";
    /// <summary>Case steps after a confirmation (subject <c>staff:NIP</c>; details: the date, then the reference, recipient, outcome or text).</summary>
    public const string CaseClarificationRequested = "case.clarification_requested";
    public const string CaseResponseReceived = "case.response_received";
    public const string CaseForwarded = "case.forwarded";
    public const string CaseOutcomeRecorded = "case.outcome";
    /// <summary>The clarification letter printed from a case file (nothing is sent: the officer prints and signs it).</summary>
    public const string CaseLetterViewed = "case.letter";
    public const string AgencyAdded = "agency.add";
    public const string StaffAdded = "staff.add";
    public const string AccountAdded = "account.add";
    public const string AccountStatusChanged = "account.status";
    public const string UserActivated = "user.activate";
    public const string UserDeactivated = "user.deactivate";
    public const string AccountsImported = "accounts.import";
    /// <summary>A contest file written from the KPU's candidate lists (subject: the file; details: its contests).</summary>
    public const string ContestsImported = "contests.import";
    public const string AgencyRegionSet = "agency.region";
    public const string UserAdded = "user.add";
    public const string UserPasswordSet = "user.set_password";
    public const string UserAgenciesSet = "user.set_agencies";
    public const string DigestStored = "digest.stored";
    /// <summary>An API token created (details: for whom, its name, when it expires; never the token).</summary>
    public const string ApiTokenAdded = "apitoken.add";
    public const string ApiTokenRevoked = "apitoken.revoke";
    /// <summary>A state-changing API call made with a token (subject: the token; details: method, path, status).</summary>
    public const string ApiTokenCall = "apitoken.call";
    /// <summary>The queue downloaded as CSV (details: the filter and the row count).</summary>
    public const string QueueExported = "queue.export";
    /// <summary>Review decisions downloaded as CSV (details: the range and the row count).</summary>
    public const string DecisionsExported = "decisions.export";
    /// <summary>A model made active by `model activate` (the details name the model it replaced).</summary>
    public const string ModelActivated = "model.activate";
    /// <summary>A gated retrain's outcome (promoted, rejected or too few decisions), by the CLI or the job (actor "system").</summary>
    public const string ModelRetrained = "model.retrain";
    /// <summary>The built-in sample registry and exports seeded on a first start, by the actor <see cref="SamplesActor"/>.</summary>
    public const string SamplesSeeded = "samples.seeded";
    public const string SamplesActor = "system:samples";

    /// <summary>Every action name, sorted: the constants above (read by reflection so a new one cannot be forgotten) and the flag decisions.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        .. typeof(AuditActions).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(SamplesActor)).Select(f => (string)f.GetRawConstantValue()!)
            .Concat(Enum.GetValues<DecisionKind>().Select(FlagDecision))
            .Distinct().Order(StringComparer.Ordinal),
    ];

    /// <summary>The action recorded for a case step of this kind.</summary>
    public static string CaseStep(CaseStepKind kind) => kind switch
    {
        CaseStepKind.ClarificationRequested => CaseClarificationRequested,
        CaseStepKind.ResponseReceived => CaseResponseReceived,
        CaseStepKind.Forwarded => CaseForwarded,
        CaseStepKind.Outcome => CaseOutcomeRecorded,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>"flag.confirm", "flag.dismiss", "flag.escalate", "flag.note", "flag.assign", "flag.reopen", "flag.agree", "flag.disagree".</summary>
    public static string FlagDecision(DecisionKind kind) => kind switch
    {
        DecisionKind.Confirm => "flag.confirm",
        DecisionKind.Dismiss => "flag.dismiss",
        DecisionKind.Escalate => "flag.escalate",
        DecisionKind.Note => "flag.note",
        DecisionKind.Assign => "flag.assign",
        DecisionKind.Reopen => "flag.reopen",
        DecisionKind.Agree => "flag.agree",
        DecisionKind.Disagree => "flag.disagree",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
