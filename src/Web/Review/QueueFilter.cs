using System.Globalization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Web.Review;

/// <summary>
/// The queue's filter as it arrives in a query string, shared by the page and the API so both accept the same
/// values. Dates are calendar days in the readers' time zone (<see cref="ReadingTimeZone"/>); "to" includes its whole day.
/// </summary>
public sealed class QueueFilter
{
    /// <summary>"pending" (open, in review or escalated; the default), "all", or one status code (<see cref="FlagStatusNames"/>).</summary>
    public string? Status { get; set; }
    public string? Label { get; set; }
    public long? Agency { get; set; }
    public string? Platform { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public double? MinScore { get; set; }
    /// <summary>"newest" or "oldest" flagged (default newest), "due" (soonest due first), "posted-newest" or "posted-oldest", or "score".</summary>
    public string? Sort { get; set; }
    public bool Mine { get; set; }
    /// <summary>Only waiting flags past their due date (flagged longer ago than the review deadline).</summary>
    public bool Overdue { get; set; }
    /// <summary>A contest id of the contest files ("pilkada-2024-jawa-barat"): flags recorded against it.</summary>
    public string? Contest { get; set; }
    /// <summary>A phase code (<see cref="ElectionPhaseKinds"/>): "quiet", "voting_day", "before_candidates_set", ...</summary>
    public string? Phase { get; set; }
    public int? Page { get; set; }

    public static IReadOnlyList<string> StatusCodes => FlagStatusNames.FilterCodes;
    public static IReadOnlyList<string> SortCodes { get; } = ["newest", "oldest", "due", "posted-newest", "posted-oldest", "score"];

    /// <param name="overdueBefore">Waiting flags created before this instant are overdue (<see cref="ReviewDeadline.OverdueBefore"/>).</param>
    /// <exception cref="DomainValidationException">A value the queue does not know, with what it expected.</exception>
    public FlagQuery ToQuery(long userId, int pageSize, ReadingTimeZone zone, DateTimeOffset overdueBefore)
    {
        var from = ParseDay(From, "from");
        var to = ParseDay(To, "to");
        if (MinScore is < 0 or > 1)
        {
            throw new DomainValidationException($"minimum score {MinScore} must be between 0 and 1");
        }
        var statuses = FlagStatusNames.ParseFilter(Status);
        DateTimeOffset? createdBefore = to is { } t ? zone.StartOf(t.AddDays(1)) : null;
        if (Overdue)
        {
            // Every flag has the same deadline, so "past its due date" is "flagged before now minus the deadline".
            statuses = [.. (statuses ?? FlagStatusNames.Pending).Intersect(FlagStatusNames.Pending)];
            createdBefore = createdBefore is { } before && before < overdueBefore ? before : overdueBefore;
        }
        return new FlagQuery
        {
            Statuses = statuses,
            Label = string.IsNullOrWhiteSpace(Label) ? null : LabelNames.Parse(Label),
            AgencyIds = Agency is { } agency ? [agency] : null,
            Platform = string.IsNullOrWhiteSpace(Platform) ? null : PlatformNames.Parse(Platform),
            From = from is { } f ? zone.StartOf(f) : null,
            To = createdBefore,
            MinScore = MinScore,
            AssigneeUserId = Mine ? userId : null,
            ContestId = ParseContest(Contest),
            Phase = ParsePhase(Phase),
            Sort = (Sort ?? "newest").Trim().ToUpperInvariant() switch
            {
                "NEWEST" or "" => FlagSort.NewestFirst,
                "OLDEST" or "DUE" => FlagSort.OldestFirst,
                "POSTED-NEWEST" => FlagSort.NewestPostedFirst,
                "POSTED-OLDEST" => FlagSort.OldestPostedFirst,
                "SCORE" => FlagSort.HighestScore,
                _ => throw new DomainValidationException($"unknown sort '{Sort}' (expected one of: {string.Join(", ", SortCodes)})"),
            },
            Page = Math.Max(1, Page ?? 1),
            PageSize = pageSize,
        };
    }

    /// <summary>
    /// What the "next waiting flag" after the one on screen is looked up with: the first waiting flags in the queue's
    /// own filter and order (two, so the one on screen, being decided, can be skipped).
    /// </summary>
    public FlagQuery NextWaitingQuery(long userId, ReadingTimeZone zone, DateTimeOffset overdueBefore)
    {
        var query = ToQuery(userId, pageSize: 2, zone, overdueBefore);
        var waiting = query.Statuses is { } statuses ? FlagStatusNames.Pending.Intersect(statuses).ToArray() : [.. FlagStatusNames.Pending];
        return query with { Statuses = waiting.Length > 0 ? waiting : FlagStatusNames.Pending, Page = 1 };
    }

    /// <summary>"?status=…&amp;label=…" of this filter (set values only), carried from the queue to a flag and on to the next one.</summary>
    public string QueryString(int page) => Microsoft.AspNetCore.Http.QueryString.Create(
        RouteValues(page).Where(p => p.Value is not null && !(p.Key == "page" && p.Value == "1"))).ToUriComponent();

    /// <summary>The query string of this filter with another page, for paging links.</summary>
    public Dictionary<string, string?> RouteValues(int page) => new()
    {
        ["status"] = Status,
        ["label"] = Label,
        ["agency"] = Agency?.ToString(CultureInfo.InvariantCulture),
        ["platform"] = Platform,
        ["from"] = From,
        ["to"] = To,
        ["minScore"] = MinScore?.ToString(CultureInfo.InvariantCulture),
        ["sort"] = Sort,
        ["mine"] = Mine ? "true" : null,
        ["overdue"] = Overdue ? "true" : null,
        ["contest"] = Contest,
        ["phase"] = Phase,
        ["page"] = page.ToString(CultureInfo.InvariantCulture),
    };

    private static string? ParseContest(string? text)
    {
        var id = text?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }
        return id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')
            ? id
            : throw new DomainValidationException($"contest '{id}' is not a contest id (letters, digits, '-' and '.', e.g. pilkada-2024-jawa-barat)");
    }

    private static ElectionPhaseKind? ParsePhase(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return ElectionPhaseKinds.TryParse(text, out var phase)
            ? phase
            : throw new DomainValidationException($"unknown phase '{text.Trim()}' (expected one of: {ElectionPhaseKinds.AllCodes})");
    }

    private static DateOnly? ParseDay(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new DomainValidationException($"{name} date '{text}' must look like 2024-02-14");
    }
}
