using Microsoft.AspNetCore.Mvc;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Web.Pages.Admin;

/// <summary>One contest of the files on disk, like <c>socialwatch contests show ID</c>: its KPU dates, source and pairs.</summary>
public sealed class ContestModel(IContestDirectory contests, ElectionCalendar calendar) : ConsolePageModel
{
    /// <summary>Null when the directory does not load (<see cref="ConsolePageModel.Error"/> says why).</summary>
    public ContestSummary? Contest { get; private set; }

    /// <summary>Whether the running service reads posts against it (it was in the files at start-up).</summary>
    public bool Loaded { get; private set; }

    public IActionResult OnGet(string id)
    {
        try
        {
            if (contests.List().FirstOrDefault(c => string.Equals(c.Schedule.Id, id, StringComparison.Ordinal)) is not { } contest)
            {
                return NotFound();
            }
            Contest = contest;
        }
        catch (DomainValidationException ex)
        {
            Error = Explain(ex.Text);
            return Page();
        }
        Loaded = calendar.Find(id) is not null;
        return Page();
    }
}
