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
public sealed class QueueModel(FlagReviewService review, IAgencyRepository agencies, ISavedFilterRepository savedFilters, ReadingTimeZone zone, ReviewDeadline deadline,
    TimeProvider clock, IOptions<ConsoleOptions> options, IStringLocalizer<ConsoleText> text) : ConsolePageModel
{
    /// <summary>Longest name a saved filter may have.</summary>
    public const int MaxFilterNameLength = 80;

    /// <summary>When the page was built: the flags' ages and due dates are counted from it.</summary>
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public ReviewDeadline Deadline => deadline;

    [BindProperty(SupportsGet = true)]
    public QueueFilter Filter { get; set; } = new();

    public FlagPage Results { get; private set; } = new([], 0, 1, 1);

    public IReadOnlyDictionary<FlagStatus, int> Counts { get; private set; } = new Dictionary<FlagStatus, int>();

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    /// <summary>The user's own named filters.</summary>
    public IReadOnlyList<SavedFilter> SavedFilters { get; private set; } = [];

    /// <summary>The officers a bulk assignment can go to (those sharing one of the user's agencies).</summary>
    public IReadOnlyList<User> Officers { get; private set; } = [];

    public int PageCount => (Results.TotalCount + Results.PageSize - 1) / Math.Max(1, Results.PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = CurrentUser;
        Agencies = [.. (await agencies.ListAsync(ct)).Where(a => user.CanSee(a.Id))];
        SavedFilters = await savedFilters.ListAsync(user.Id, ct);
        if (user.Role.ReviewsFlags())
        {
            Officers = await review.AssignableOfficersAsync(user.AgencyIds, ct);
        }
        FlagQuery query;
        try
        {
            query = Filter.ToQuery(user.Id, options.Value.PageSize, zone, deadline.OverdueBefore(Now));
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
        if (!CurrentUser.Role.ReviewsFlags())
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
        return BackToQueue();
    }

    /// <summary>
    /// One action on the selected flags: "dismiss" with one reason and the label the posts show instead
    /// (<paramref name="decisionLabel"/>: civic or other), "assign" (to the chosen officer, or to nobody), or "note".
    /// Never "confirm". Any id the officer may not see makes the whole request not found, and nothing is recorded.
    /// </summary>
    public async Task<IActionResult> OnPostBulkAsync(string? bulkAction, long[]? ids, string? reason, string? decisionLabel, long? assignee, CancellationToken ct)
    {
        if (!CurrentUser.Role.ReviewsFlags())
        {
            return Forbid();
        }
        var kind = (bulkAction ?? "").Trim().ToUpperInvariant() switch
        {
            "DISMISS" => DecisionKind.Dismiss,
            "ASSIGN" => DecisionKind.Assign,
            "NOTE" => DecisionKind.Note,
            "CONFIRM" => DecisionKind.Confirm, // refused by the service, with the reason why
            _ => (DecisionKind?)null,
        };
        if (kind is null)
        {
            return BadRequest();
        }
        // The form's own select list offers only label codes; anything else is a hand-made request.
        Label? label = null;
        if (!string.IsNullOrWhiteSpace(decisionLabel))
        {
            if (!LabelNames.TryParse(decisionLabel, out var parsed))
            {
                return BadRequest();
            }
            label = parsed;
        }
        BulkResult? result;
        try
        {
            // The label select sits in the same form as the assign and note buttons: only a dismissal takes it.
            result = await review.DecideManyAsync(CurrentUser, ids ?? [], kind.Value, reason, kind == DecisionKind.Dismiss ? label : null, assignee, ct);
        }
        catch (DomainValidationException ex)
        {
            Error = Explain(ex.Text);
            var shown = await OnGetAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return shown;
        }
        if (result is null)
        {
            return NotFound();
        }
        Notice = text["bulk-" + (kind == DecisionKind.Assign && assignee is null ? "Unassign" : kind.Value.ToString()), result.Recorded.Count]
            + (result.Skipped > 0 ? " " + text["{0} were already closed and were left as they are.", result.Skipped] : "");
        return BackToQueue();
    }

    /// <summary>Saves the filter on screen under a name, for this user only; the same name again replaces it.</summary>
    public async Task<IActionResult> OnPostSaveFilterAsync(string? name, CancellationToken ct)
    {
        var clean = name?.Trim();
        if (string.IsNullOrEmpty(clean) || clean.Length > MaxFilterNameLength)
        {
            Error = text["A saved filter needs a name of at most {0} characters.", MaxFilterNameLength];
            var shown = await OnGetAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return shown;
        }
        try
        {
            // Only a filter the queue accepts is kept.
            Filter.ToQuery(CurrentUser.Id, options.Value.PageSize, zone, Now);
        }
        catch (DomainValidationException)
        {
            return BadRequest();
        }
        await savedFilters.SaveAsync(CurrentUser.Id, clean, Filter.QueryString(1), Now, ct);
        Notice = text["Filter \"{0}\" is saved.", clean];
        return BackToQueue();
    }

    public async Task<IActionResult> OnPostDeleteFilterAsync(long filterId, CancellationToken ct)
    {
        if (!await savedFilters.DeleteAsync(CurrentUser.Id, filterId, ct))
        {
            return NotFound();
        }
        Notice = text["The saved filter is deleted."];
        return BackToQueue();
    }

    /// <summary>
    /// Where a form of this page posts: the handler and the filter on screen. Built by hand because the filter's
    /// "page" (the queue's page number) would be taken for the Razor page's name by the tag helpers' link generation.
    /// </summary>
    public string PostAction(string handler, int page)
    {
        var filter = Filter.QueryString(page);
        return "/queue?handler=" + Uri.EscapeDataString(handler) + (filter.Length > 1 ? "&" + filter[1..] : "");
    }

    // A plain path, for the same reason as PostAction.
    private RedirectResult BackToQueue() => Redirect("/queue" + Filter.QueryString(Filter.Page ?? 1));
}
