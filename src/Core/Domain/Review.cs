namespace SocialWatch.Core.Domain;

public enum FlagStatus
{
    /// <summary>Waiting for an officer.</summary>
    Open,
    /// <summary>An officer took it ("assign to me").</summary>
    InReview,
    /// <summary>Confirmed as a possible violation; ready to forward to the agency. Never a sanction.</summary>
    Confirmed,
    /// <summary>Not a violation; becomes a training example.</summary>
    Dismissed,
    /// <summary>Passed up to a supervisor of the agency, who decides it from the supervisor queue.</summary>
    Escalated,
    /// <summary>
    /// Confirmed by one officer, waiting for a second officer of the agency to agree (<c>Review:RequireSecondReviewer</c>).
    /// Not yet a confirmation: no case report, and nothing counts it as a violation.
    /// </summary>
    AwaitingSecondReview,
}

/// <summary>A post queued for human review because a flag label passed its threshold.</summary>
/// <param name="Election">The contests and phase on the post's day; null until the worker has recorded them.</param>
/// <param name="IsRecallSample">
/// Not raised by the classifier: an unflagged post of the daily recall sample ("periksa: mungkin terlewat",
/// docs/learning.md). It counts against nobody unless an officer confirms it.
/// </param>
public sealed record Flag(
    long Id,
    long PostId,
    long ClassificationId,
    Label Label,
    double Score,
    FlagStatus Status,
    long? AssigneeUserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    FlagElection? Election = null,
    bool IsRecallSample = false);

public enum DecisionKind
{
    Confirm,
    Dismiss,
    Escalate,
    Note,
    Assign,
    /// <summary>A decided flag (or an escalated one, by a supervisor) sent back to the queue, with a reason; the earlier decision stays in the history.</summary>
    Reopen,
    /// <summary>A second officer agrees with a confirmation awaiting second review: the confirmation becomes final.</summary>
    Agree,
    /// <summary>A second officer (or the first, withdrawing) does not agree: the flag goes back to the queue, with a reason.</summary>
    Disagree,
}

/// <summary>
/// The neutrality-rule categories of the joint guideline (SKB 2022), which a reviewer picks when confirming.
/// </summary>
public enum ViolationCategory
{
    /// <summary>Campaigning or "socialising" a candidate online.</summary>
    OnlineCampaign,
    /// <summary>Posting, commenting, sharing, liking or following a candidate or campaign account.</summary>
    PostCommentShareLike,
    /// <summary>Photos with partisan symbols: finger poses for a ballot number, party attributes.</summary>
    PartisanSymbol,
    /// <summary>Attending a declaration or campaign and showing support.</summary>
    CampaignAttendance,
    /// <summary>Party membership or seeking candidacy without leave.</summary>
    PartyMembership,
    /// <summary>Meetings, appeals, calls or gifts that lead to partisanship.</summary>
    PartisanActivity,
    /// <summary>Banners, billboards or stickers for a candidate.</summary>
    CampaignMaterial,
}

/// <summary>One reviewer action on a flag. Append-only.</summary>
/// <param name="AssigneeUserId">For an assignment, whom the flag was given to; null there means it was unassigned.</param>
/// <param name="Label">
/// The label the officer chose: on a confirmation a flag label (the classifier's, or the officer's correction), on a
/// dismissal civic or other. Null for the other kinds and for decisions recorded before officers chose labels.
/// These are the training examples of docs/learning.md.
/// </param>
public sealed record ReviewDecision(
    long Id,
    long FlagId,
    long UserId,
    DateTimeOffset DecidedAt,
    DecisionKind Kind,
    ViolationCategory? Category,
    string? Reason,
    long? AssigneeUserId = null,
    Label? Label = null);
