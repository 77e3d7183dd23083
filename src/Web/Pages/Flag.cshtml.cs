using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

/// <summary>
/// One flag with its evidence and history, and the officer's decision forms. Reading needs the ReadFlags policy;
/// every POST handler also requires the officer role, and the service refuses flags outside the officer's agencies.
/// </summary>
[Authorize(Policy = ConsolePolicies.ReadFlags)]
public sealed class FlagModel(FlagReviewService review, IUserRepository users, ReadingTimeZone zone, ReviewDeadline deadline, TimeProvider clock, IStringLocalizer<ConsoleText> text) : ConsolePageModel
{
    /// <summary>The queue filter the officer came from (query string), so "next" follows the same filter and order.</summary>
    [BindProperty(SupportsGet = true)]
    public QueueFilter Filter { get; set; } = new();

    public FlagDetail? Detail { get; private set; }

    /// <summary>Display names of the users in the history, by id.</summary>
    public IReadOnlyDictionary<long, string> UserNames { get; private set; } = new Dictionary<long, string>();

    /// <summary>The next waiting flag in the queue the user came from (within their scope), for the "n" shortcut.</summary>
    public long? NextFlagId { get; private set; }

    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Whom the "assign to" form gives the flag to; empty means nobody (unassign).</summary>
    [BindProperty]
    public long? Assignee { get; set; }

    /// <summary>The officers of the flag's agency, for the "assign to" form.</summary>
    public IReadOnlyList<User> Officers { get; private set; } = [];

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public ReviewDeadline Deadline => deadline;
    /// <summary>
    /// The label the officer chose: a correction on confirm (endorse, oppose, campaign), civic or other on dismiss.
    /// Not "label", which is the queue filter's field carried in the form's query string.
    /// </summary>
    [BindProperty(Name = "decisionLabel")]
    public string? DecisionLabel { get; set; }

    /// <summary>The filter as route values for this page's links and forms (unset values left out).</summary>
    public Dictionary<string, string> FilterRoute => Filter.RouteValues(1)
        .Where(p => p.Value is not null && p.Key != "page").ToDictionary(p => p.Key, p => p.Value!);

    /// <summary>The confirmation or dismissal that closed the flag, if it is closed.</summary>
    public ReviewDecision? Closing => Detail?.History.LastOrDefault(h => h.Kind is DecisionKind.Confirm or DecisionKind.Dismiss);

    public bool CanDecide => CurrentUser.Role == Role.Officer && Detail is { Flag.Status: not (FlagStatus.Confirmed or FlagStatus.Dismissed) };

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Detail = await review.ViewAsync(CurrentUser, id, ct);
        if (Detail is null)
        {
            return NotFound();
        }
        await LoadAroundAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) => DecideAsync(id, DecisionKind.Assign, ct);

    /// <summary>Gives the flag to another officer of its agency, or (no assignee) to nobody.</summary>
    public async Task<IActionResult> OnPostAssignToAsync(long id, CancellationToken ct)
    {
        if (CurrentUser.Role != Role.Officer)
        {
            return Forbid();
        }
        try
        {
            if (await review.AssignAsync(CurrentUser, id, Assignee, ct) is null)
            {
                return NotFound();
            }
        }
        catch (DomainValidationException ex)
        {
            return await RedisplayAsync(id, Explain(ex.Text), ct);
        }
        Notice = Assignee is null ? text["The flag is assigned to nobody."] : text["The flag is assigned."];
        return Redirect($"/flags/{id}{Filter.QueryString(1)}");
    }

    public Task<IActionResult> OnPostConfirmAsync(long id, CancellationToken ct) => DecideAsync(id, DecisionKind.Confirm, ct);

    public Task<IActionResult> OnPostDismissAsync(long id, CancellationToken ct) => DecideAsync(id, DecisionKind.Dismiss, ct);

    public Task<IActionResult> OnPostEscalateAsync(long id, CancellationToken ct) => DecideAsync(id, DecisionKind.Escalate, ct);

    public Task<IActionResult> OnPostNoteAsync(long id, CancellationToken ct) => DecideAsync(id, DecisionKind.Note, ct);

    private async Task<IActionResult> DecideAsync(long id, DecisionKind kind, CancellationToken ct)
    {
        if (CurrentUser.Role != Role.Officer)
        {
            return Forbid();
        }
        ViolationCategory? category = null;
        if (!string.IsNullOrWhiteSpace(Category))
        {
            if (!Enum.TryParse<ViolationCategory>(Category, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return BadRequest();
            }
            category = parsed;
        }
        Label? label = null;
        if (!string.IsNullOrWhiteSpace(DecisionLabel))
        {
            if (!LabelNames.TryParse(DecisionLabel, out var parsed))
            {
                return BadRequest();
            }
            label = parsed;
        }
        try
        {
            if (await review.DecideAsync(CurrentUser, id, kind, category, Reason, label, ct) is null)
            {
                return NotFound();
            }
        }
        catch (DomainValidationException ex)
        {
            return await RedisplayAsync(id, Explain(ex.Text), ct);
        }
        Notice = text["decided-" + kind];
        return Redirect($"/flags/{id}{Filter.QueryString(1)}");
    }

    /// <summary>The page again with what to correct, answered 400.</summary>
    private async Task<IActionResult> RedisplayAsync(long id, string error, CancellationToken ct)
    {
        Error = error;
        Detail = await review.ViewAsync(CurrentUser, id, ct);
        if (Detail is null)
        {
            return NotFound();
        }
        await LoadAroundAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAroundAsync(CancellationToken ct)
    {
        var names = new Dictionary<long, string>();
        foreach (var userId in Detail!.History.SelectMany(h => new[] { h.UserId, h.AssigneeUserId ?? 0 }).Append(Detail.Flag.AssigneeUserId ?? 0).Where(i => i > 0).Distinct())
        {
            if (await users.GetAsync(userId, ct) is { } user)
            {
                names[userId] = $"{user.DisplayName} ({user.UserName})";
            }
        }
        UserNames = names;
        if (CurrentUser.Role == Role.Officer)
        {
            Officers = await review.AssignableOfficersAsync([Detail.Agency.Id], ct);
        }
        FlagQuery next;
        try
        {
            next = Filter.NextWaitingQuery(CurrentUser.Id, zone, deadline.OverdueBefore(Now));
        }
        catch (DomainValidationException)
        {
            return; // a hand-edited filter: no "next" rather than a guess
        }
        var waiting = await review.QueryAsync(CurrentUser, next, ct);
        NextFlagId = waiting.Items.Select(s => s.Flag.Id).FirstOrDefault(i => i != Detail.Flag.Id) is var found and > 0 ? found : null;
    }
}
