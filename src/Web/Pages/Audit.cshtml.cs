using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

[Authorize(Policy = ConsolePolicies.ReadAudit)]
public sealed class AuditModel(IAuditLog audit, ReadingTimeZone zone) : ConsolePageModel
{
    private const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    /// <summary>Leaves out the flag views, which outnumber every other entry.</summary>
    [BindProperty(SupportsGet = true)]
    public bool HideViews { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        DateTimeOffset? from, to;
        try
        {
            from = Day(From);
            to = Day(To)?.AddDays(1);
        }
        catch (DomainValidationException ex)
        {
            Error = Explain(ex.Text);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var entries = await audit.QueryAsync(from, to, Blank(Actor), Blank(Action), (PageNumber - 1) * PageSize, PageSize + 1,
            HideViews ? AuditActions.FlagViewed : null, ct);
        HasMore = entries.Count > PageSize;
        Entries = [.. entries.Take(PageSize)];
        return Page();
    }

    public string PageLink(int page)
    {
        var query = new QueryBuilder();
        foreach (var (key, value) in new[] { ("from", From), ("to", To), ("actor", Actor), ("action", Action), ("hideViews", HideViews ? "true" : null) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(key, value);
            }
        }
        query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        return "/audit" + query.ToQueryString();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private DateTimeOffset? Day(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? zone.StartOf(day)
            : throw new DomainValidationException($"date '{text}' must look like 2024-02-14");
}
