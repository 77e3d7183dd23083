using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Web.Review;

/// <summary>The election a flag page, the case report and the API show for a flag.</summary>
public static class FlagElections
{
    /// <summary>
    /// As recorded on the flag when it was raised; a flag not recorded yet (the worker records it right after
    /// storing) is read against the contest files now, the same way, and <c>Recorded</c> says so.
    /// </summary>
    public static (FlagElection Election, bool Recorded) Of(FlagDetail detail, ElectionCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentNullException.ThrowIfNull(calendar);
        return detail.Flag.Election is { } recorded
            ? (recorded, true)
            : (calendar.ElectionOf(detail.Post.CreatedAt, detail.Agency.RegionCode, ElectionCalendar.ContestsNamedIn(detail.Classification.Signals)), false);
    }
}
