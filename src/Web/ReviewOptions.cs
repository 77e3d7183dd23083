namespace SocialWatch.Web;

/// <summary>
/// How decisions are taken, section <c>Review</c>:
/// <code>
/// "Review": { "RequireSecondReviewer": true }
/// </code>
/// </summary>
public sealed class ReviewOptions
{
    public const string SectionName = "Review";

    /// <summary>
    /// A confirmation is final (and its case report available) only once a second officer or supervisor of the
    /// agency agrees. On by default; a one-person team turns it off, and then one confirmation is final.
    /// </summary>
    public bool RequireSecondReviewer { get; set; } = true;
}
