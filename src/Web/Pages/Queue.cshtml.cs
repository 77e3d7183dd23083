using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

[Authorize(Policy = ConsolePolicies.ReadFlags)]
public sealed class QueueModel(FlagReviewService review, IAgencyRepository agencies, ReadingTimeZone zone, TimeProvider clock, IOptions<ConsoleOptions> options, IStringLocalizer<ConsoleText> text) : ConsolePageModel
{
    /// <summary>When the page was built: the flags' ages are counted from it.</summary>
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    [BindProperty(SupportsGet = true)]
    public QueueFilter Filter { get; set; } = new();

    public FlagPage Results { get; private set; } = new([], 0, 1, 1);

    public IReadOnlyDictionary<FlagStatus, int> Counts { get; private set; } = new Dictionary<FlagStatus, int>();

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public int PageCount => (Results.TotalCount + Results.PageSize - 1) / Math.Max(1, Results.PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = CurrentUser;
        Agencies = [.. (await agencies.ListAsync(ct)).Where(a => user.CanSee(a.Id))];
        FlagQuery query;
        try
        {
            query = Filter.ToQuery(user.Id, options.Value.PageSize, zone);
        }
        catch (DomainValidationException ex)
        {
            Error = Explain(ex.Text);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Results = await review.QueryAsync(user, query, ct);
        Counts = await review.CountByStatusAsync(user, query, ct);
        return Page();
    }

    /// <summary>"Assign to me": officers only, and only a flag of their agencies (checked by the service).</summary>
    public async Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct)
    {
        if (CurrentUser.Role != Role.Officer)
        {
            return Forbid();
        }
        try
        {
            if (await review.DecideAsync(CurrentUser, id, DecisionKind.Assign, null, null, ct) is null)
            {
                return NotFound();
            }
            Notice = text["Flag {0} is assigned to you.", id];
        }
        catch (DomainValidationException ex)
        {
            Notice = Explain(ex.Text);
        }
        return RedirectToPage(null, Filter.RouteValues(Filter.Page ?? 1).Where(p => p.Value is not null).ToDictionary(p => p.Key, p => (object?)p.Value));
    }
}
