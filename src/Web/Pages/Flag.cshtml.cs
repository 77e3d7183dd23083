using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

/// <summary>
/// One flag with its evidence and history, and the officer's decision forms. Reading needs the ReadFlags policy;
/// every POST handler also requires the officer or supervisor role, and the service refuses flags outside the
/// user's agencies and decisions the flag's status does not take (who may do what: <see cref="FlagReviewService"/>).
/// </summary>
[Authorize(Policy = ConsolePolicies.ReadFlags)]
public sealed class FlagModel(FlagReviewService review, IUserRepository users, ReadingTimeZone zone, ReviewDeadline deadline, TimeProvider clock,
    IStringLocalizer<ConsoleText> text, IOptions<ReviewOptions> reviewOptions) : ConsolePageModel
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

    /// <summary>
    /// The confirmation or dismissal that closed the flag, if it stands closed (or awaits its second officer); a reopened
    /// flag has none, whatever its history holds.
    /// </summary>
    public ReviewDecision? Closing => Detail is { Flag.Status: FlagStatus.Confirmed or FlagStatus.Dismissed or FlagStatus.AwaitingSecondReview }
        ? Detail.History.LastOrDefault(h => h.Kind is DecisionKind.Confirm or DecisionKind.Dismiss)
        : null;

    /// <summary>The second officer who made a confirmation final.</summary>
    public ReviewDecision? Agreement => Detail is { Flag.Status: FlagStatus.Confirmed } ? Detail.History.LastOrDefault(h => h.Kind == DecisionKind.Agree) : null;

    public bool IsReviewer => CurrentUser.Role.ReviewsFlags();

    public bool CanDecide => Detail is not null && FlagReviewService.CanDecide(CurrentUser, Detail.Flag);

    public bool CanReopen => Detail is not null && FlagReviewService.CanReopen(CurrentUser, Detail.Flag);

    public bool CanAgree => Detail is not null && FlagReviewService.CanAgree(CurrentUser, Detail);

    /// <summary>Whether "disagree and escalate" goes to a supervisor (the disagree form's option).</summary>
    [BindProperty]
    public bool EscalateAfter { get; set; }

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
        if (!CurrentUser.Role.ReviewsFlags())
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

    public Task<IActionResult> OnPostReopenAsync(long id, CancellationToken ct) => DecideAsync(id, DecisionKind.Reopen, ct);

    public Task<IActionResult> OnPostAgreeAsync(long id, CancellationToken ct) => DecideAsync(id, DecisionKind.Agree, ct);

    public Task<IActionResult> OnPostDisagreeAsync(long id, CancellationToken ct) => DecideAsync(id, DecisionKind.Disagree, ct);

    private async Task<IActionResult> DecideAsync(long id, DecisionKind kind, CancellationToken ct)
    {
        if (!CurrentUser.Role.ReviewsFlags())
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
            // Disagreeing can pass the question up rather than back: the same reason goes to the supervisor.
            if (kind == DecisionKind.Disagree && EscalateAfter)
            {
                await review.DecideAsync(CurrentUser, id, DecisionKind.Escalate, null, Reason, null, ct);
            }
        }
        catch (DomainValidationException ex)
        {
            return await RedisplayAsync(id, Explain(ex.Text), ct);
        }
        Notice = kind switch
        {
            DecisionKind.Confirm when reviewOptions.Value.RequireSecondReviewer => text["decided-Confirm-awaiting"],
            DecisionKind.Disagree when EscalateAfter => text["decided-Disagree-escalated"],
            _ => text["decided-" + kind],
        };
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
        UserNames = await users.NamesAsync(
            Detail!.History.SelectMany(h => new[] { h.UserId, h.AssigneeUserId ?? 0 }).Append(Detail.Flag.AssigneeUserId ?? 0).Where(i => i > 0), ct);
        if (CurrentUser.Role.ReviewsFlags())
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
