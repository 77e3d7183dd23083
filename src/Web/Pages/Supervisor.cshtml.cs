using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

/// <summary>
/// The supervisor queue: the flags officers escalated in the supervisor's agencies, oldest first, with who escalated
/// and why. Each is decided on its flag page (the whole post and its evidence are there): confirm, dismiss, or return
/// to the queue.
/// </summary>
[Authorize(Policy = ConsolePolicies.Supervise)]
public sealed class SupervisorModel(FlagReviewService review, IOptions<ConsoleOptions> options) : ConsolePageModel
{
    public SupervisorList Queue { get; private set; } = null!;

    public int PageCount => Math.Max(1, (Queue.Flags.TotalCount + Queue.Flags.PageSize - 1) / Queue.Flags.PageSize);

    /// <param name="pageNumber">From the query's <c>page</c> (not a bound property: Razor Pages keeps "page" for the page's own name).</param>
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (pageNumber < 1)
        {
            return BadRequest();
        }
        Queue = await review.SupervisorQueueAsync(CurrentUser, pageNumber, options.Value.PageSize, ct);
        return Page();
    }
}
