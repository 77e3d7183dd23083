namespace SocialWatch.Web;

/// <summary>The action names the console writes to the audit log; stable, because auditors filter by them.</summary>
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
    public const string AgencyAdded = "agency.add";
    public const string StaffAdded = "staff.add";
    public const string AccountAdded = "account.add";
    public const string AccountStatusChanged = "account.status";
    public const string UserActivated = "user.activate";
    public const string UserDeactivated = "user.deactivate";
    public const string AccountsImported = "accounts.import";

    /// <summary>"flag.confirm", "flag.dismiss", "flag.escalate", "flag.note", "flag.assign".</summary>
    public static string FlagDecision(Core.Domain.DecisionKind kind) => kind switch
    {
        Core.Domain.DecisionKind.Confirm => "flag.confirm",
        Core.Domain.DecisionKind.Dismiss => "flag.dismiss",
        Core.Domain.DecisionKind.Escalate => "flag.escalate",
        Core.Domain.DecisionKind.Note => "flag.note",
        Core.Domain.DecisionKind.Assign => "flag.assign",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
