using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Web.Pages.Admin;

/// <summary>
/// The contests of the contest files on disk, like <c>socialwatch contests list</c>, each marked loaded or not: the
/// service reads the files at start-up, so a file imported since is listed here but used only after a restart.
/// </summary>
public sealed class ContestsModel(IContestDirectory contests, ElectionCalendar calendar) : ConsolePageModel
{
    public IReadOnlyList<ContestSummary> Contests { get; private set; } = [];

    public string Location => contests.Location;

    /// <summary>Whether the running service reads posts against this contest (it was in the files at start-up).</summary>
    public bool IsLoaded(ContestSummary contest) => calendar.Find(contest.Schedule.Id) is not null;

    public bool CanImport => CurrentUser.Role == Role.Admin;

    public void OnGet()
    {
        try
        {
            Contests = [.. contests.List().OrderByDescending(c => c.Schedule.VotingDay).ThenBy(c => c.Schedule.Id, StringComparer.Ordinal)];
        }
        catch (DomainValidationException ex)
        {
            Error = Explain(ex.Text);
        }
    }
}
