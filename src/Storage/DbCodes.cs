using SocialWatch.Core.Domain;

namespace SocialWatch.Storage;

/// <summary>The text codes enums are stored as. Stable: changing one needs a migration.</summary>
internal static class DbCodes
{
    public static string ToDb(this AccountStatus status) => status switch
    {
        AccountStatus.Active => "active",
        AccountStatus.Disabled => "disabled",
        AccountStatus.NeedsAttention => "needs_attention",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static AccountStatus ToAccountStatus(string code) => code switch
    {
        "active" => AccountStatus.Active,
        "disabled" => AccountStatus.Disabled,
        "needs_attention" => AccountStatus.NeedsAttention,
        _ => throw new InvalidDataException($"unknown account status '{code}' in the database"),
    };

    // The database stores the wire code (FlagStatusNames), so the two spellings cannot drift apart.
    public static string ToDb(this FlagStatus status) => status.ToCode();

    public static FlagStatus ToFlagStatus(string code) => FlagStatusNames.TryParse(code, out var status) && status.ToCode() == code
        ? status
        : throw new InvalidDataException($"unknown flag status '{code}' in the database");

    public static string ToDb(this Role role) => role.ToCode();

    public static Role ToRole(string code) => RoleRules.TryParseCode(code, out var role)
        ? role
        : throw new InvalidDataException($"unknown role '{code}' in the database");

    public static string ToDb(this DecisionKind kind) => kind switch
    {
        DecisionKind.Confirm => "confirm",
        DecisionKind.Dismiss => "dismiss",
        DecisionKind.Escalate => "escalate",
        DecisionKind.Note => "note",
        DecisionKind.Assign => "assign",
        DecisionKind.Reopen => "reopen",
        DecisionKind.Agree => "agree",
        DecisionKind.Disagree => "disagree",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static DecisionKind ToDecisionKind(string code) => code switch
    {
        "confirm" => DecisionKind.Confirm,
        "dismiss" => DecisionKind.Dismiss,
        "escalate" => DecisionKind.Escalate,
        "note" => DecisionKind.Note,
        "assign" => DecisionKind.Assign,
        "reopen" => DecisionKind.Reopen,
        "agree" => DecisionKind.Agree,
        "disagree" => DecisionKind.Disagree,
        _ => throw new InvalidDataException($"unknown decision kind '{code}' in the database"),
    };

    public static string ToDb(this ViolationCategory category) => category switch
    {
        ViolationCategory.OnlineCampaign => "online_campaign",
        ViolationCategory.PostCommentShareLike => "post_comment_share_like",
        ViolationCategory.PartisanSymbol => "partisan_symbol",
        ViolationCategory.CampaignAttendance => "campaign_attendance",
        ViolationCategory.PartyMembership => "party_membership",
        ViolationCategory.PartisanActivity => "partisan_activity",
        ViolationCategory.CampaignMaterial => "campaign_material",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public static ViolationCategory ToViolationCategory(string code) => code switch
    {
        "online_campaign" => ViolationCategory.OnlineCampaign,
        "post_comment_share_like" => ViolationCategory.PostCommentShareLike,
        "partisan_symbol" => ViolationCategory.PartisanSymbol,
        "campaign_attendance" => ViolationCategory.CampaignAttendance,
        "party_membership" => ViolationCategory.PartyMembership,
        "partisan_activity" => ViolationCategory.PartisanActivity,
        "campaign_material" => ViolationCategory.CampaignMaterial,
        _ => throw new InvalidDataException($"unknown violation category '{code}' in the database"),
    };

    public static Platform ToPlatform(string code) => PlatformNames.TryParse(code, out var platform)
        ? platform
        : throw new InvalidDataException($"unknown platform '{code}' in the database");

    public static Label ToLabel(string code) => LabelNames.TryParse(code, out var label)
        ? label
        : throw new InvalidDataException($"unknown label '{code}' in the database");

    public static Nip ToNip(string value) => Nip.TryParse(value, out var nip, out var error)
        ? nip
        : throw new InvalidDataException($"stored NIP is malformed: {error}");
}
