using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Api;

/// <summary>
/// The JSON API under <c>/api</c>: the console's operations with the same policies and the same agency scope.
/// It takes the console's cookie, on which every unsafe method must carry the antiforgery token from
/// <c>GET /api/antiforgery</c> in the <c>X-CSRF-TOKEN</c> header, so another site cannot make a signed-in browser act;
/// or a user's API token (<c>Authorization: Bearer</c>), which a browser never sends by itself, so it needs no
/// antiforgery token, and each unsafe call made with it is audited with the token.
/// </summary>
internal static class ConsoleApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(RequireAntiforgeryForUnsafeMethods).AddEndpointFilter(AuditTokenCalls).DisableAntiforgery();

        api.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return Results.Ok(new { headerName = tokens.HeaderName, token = tokens.RequestToken });
        }).RequireAuthorization();

        api.MapGet("/flags", ListFlags).RequireAuthorization(ConsolePolicies.ReadFlags);
        api.MapGet("/flags/{id:long}", GetFlag).RequireAuthorization(ConsolePolicies.ReadFlags);
        api.MapPost("/flags/{id:long}/decisions", Decide).RequireAuthorization(ConsolePolicies.Review);
        api.MapGet("/dashboard", async (HttpContext context, DashboardService dashboard, ReviewQualityService quality, CancellationToken ct) =>
        {
            var data = await dashboard.BuildAsync(ConsoleUser.From(context.User), ct);
            return Results.Ok(new
            {
                countsByStatus = data.ByStatus.ToDictionary(p => p.Key.ToCode(), p => p.Value),
                data.Unreviewed,
                perDay = data.PerDay.Select(p => new { day = p.Day, label = p.Label.ToCode(), count = p.Count }),
                perAgency = data.PerAgency.Select(a => new { agencyId = a.Agency.Id, a.Agency.Code, a.Agency.Name, a.Unreviewed, a.Total }),
                oldestOpen = data.OldestOpen.Select(ApiModels.Row),
                data.Overdue,
                workload = data.Workload.Select(w => new { userId = w.Officer.Id, w.Officer.UserName, w.Officer.DisplayName, w.Assigned, w.Overdue }),
                reviewQuality = ApiModels.Quality(await quality.BuildAsync(ConsoleUser.From(context.User), null, null, null, ct)),
                casesByStage = data.CasesByStage.ToDictionary(p => p.Key.ToCode(), p => p.Value),
            });
        }).RequireAuthorization(ConsolePolicies.ReadFlags);
        api.MapGet("/review-quality", ReviewQualityNumbers).RequireAuthorization(ConsolePolicies.ReadFlags);
        Export.ExportEndpoints.Map(api);

        api.MapGet("/audit", async (IAuditLog audit, DateTimeOffset? from, DateTimeOffset? to, string? actor, string? action, int? skip, int? take, CancellationToken ct) =>
            Results.Ok(await audit.QueryAsync(from, to, Blank(actor), Blank(action), Math.Max(0, skip ?? 0), Math.Clamp(take ?? 100, 1, 1000), ct: ct)))
            .RequireAuthorization(ConsolePolicies.ReadAudit);

        api.MapGet("/agencies", async (IAgencyRepository agencies, CancellationToken ct) => Results.Ok(await agencies.ListAsync(ct)))
            .RequireAuthorization(ConsolePolicies.ReadRegistry);
        api.MapPost("/agencies", async (HttpContext context, RegistryAdminService registry, AgencyRequest body, CancellationToken ct) =>
            await Validated(async () => Results.Created((string?)null, await registry.AddAgencyAsync(ConsoleUser.From(context.User), body.Code, body.Name, ct))))
            .RequireAuthorization(ConsolePolicies.Administer);

        api.MapGet("/staff", async (IStaffRepository staff, CancellationToken ct) =>
            Results.Ok((await staff.ListAsync(null, ct)).Select(s => new { s.Id, nip = s.Nip.Value, s.Name, s.Position, s.AgencyId })))
            .RequireAuthorization(ConsolePolicies.ReadRegistry);
        api.MapPost("/staff", async (HttpContext context, RegistryAdminService registry, StaffRequest body, CancellationToken ct) =>
            await Validated(async () =>
            {
                var s = await registry.AddStaffAsync(ConsoleUser.From(context.User), body.Nip, body.Name, body.Position, body.AgencyCode, ct);
                return Results.Created((string?)null, new { s.Id, nip = s.Nip.Value, s.Name, s.Position, s.AgencyId });
            }))
            .RequireAuthorization(ConsolePolicies.Administer);

        api.MapGet("/accounts", async (IAccountRepository accounts, CancellationToken ct) => Results.Ok((await accounts.ListAsync(null, null, ct)).Select(AccountJson)))
            .RequireAuthorization(ConsolePolicies.ReadRegistry);
        api.MapPost("/accounts", async (HttpContext context, RegistryAdminService registry, AccountRequest body, CancellationToken ct) =>
            await Validated(async () => Results.Created((string?)null, AccountJson(await registry.AddAccountAsync(ConsoleUser.From(context.User), body.Platform, body.Handle, body.Nip, ct)))))
            .RequireAuthorization(ConsolePolicies.Administer);
        api.MapPost("/accounts/{id:long}/status", async (HttpContext context, RegistryAdminService registry, long id, StatusRequest body, CancellationToken ct) =>
            await Validated(async () => Enum.TryParse<AccountStatus>(body.Status, ignoreCase: true, out var status) && Enum.IsDefined(status)
                ? await registry.SetAccountStatusAsync(ConsoleUser.From(context.User), id, status, ct) ? Results.NoContent() : Results.NotFound()
                : Results.Problem($"unknown status '{body.Status}' (expected Active, Disabled or NeedsAttention)", statusCode: StatusCodes.Status400BadRequest)))
            .RequireAuthorization(ConsolePolicies.Administer);

        api.MapPost("/accounts/import", ImportAccounts).RequireAuthorization(ConsolePolicies.Administer);

        api.MapGet("/users", async (IUserRepository users, CancellationToken ct) =>
            Results.Ok((await users.ListAsync(null, ct)).Select(u => new { u.Id, u.UserName, u.DisplayName, u.Email, role = u.Role.ToCode(), u.AgencyIds, u.IsActive, u.LockedUntil })))
            .RequireAuthorization(ConsolePolicies.ReadRegistry);
        api.MapPost("/users/{id:long}/active", async (HttpContext context, RegistryAdminService registry, long id, ActiveRequest body, CancellationToken ct) =>
            await Validated(async () => await registry.SetUserActiveAsync(ConsoleUser.From(context.User), id, body.Active, ct) ? Results.NoContent() : Results.NotFound()))
            .RequireAuthorization(ConsolePolicies.Administer);
    }

    private sealed record AgencyRequest(string? Code, string? Name);
    private sealed record StaffRequest(string? Nip, string? Name, string? Position, string? AgencyCode);
    private sealed record AccountRequest(string? Platform, string? Handle, string? Nip);
    private sealed record StatusRequest(string? Status);
    private sealed record ActiveRequest(bool Active);

    private static async Task<IResult> ListFlags(HttpContext context, FlagReviewService review, ReadingTimeZone zone, ReviewDeadline deadline, TimeProvider clock,
        IOptions<ConsoleOptions> options, [AsParameters] QueueFilterParameters filter, CancellationToken ct)
    {
        var user = ConsoleUser.From(context.User);
        return await Validated(async () =>
        {
            var query = filter.ToFilter().ToQuery(user.Id, Math.Clamp(filter.PageSize ?? options.Value.PageSize, 1, 500), zone, deadline.OverdueBefore(clock.GetUtcNow()));
            var page = await review.QueryAsync(user, query, ct);
            var counts = await review.CountByStatusAsync(user, query, ct);
            return Results.Ok(new ApiModels.FlagList([.. page.Items.Select(ApiModels.Row)], page.TotalCount, page.Page, page.PageSize,
                counts.ToDictionary(p => p.Key.ToCode(), p => p.Value)));
        });
    }

    /// <summary>Rates and median time to decision for decisions made in the day range (calendar days, as the queue's filter).</summary>
    private static async Task<IResult> ReviewQualityNumbers(HttpContext context, ReviewQualityService quality, ReadingTimeZone zone, ReviewDeadline deadline, TimeProvider clock, string? from, string? to, long? agency, CancellationToken ct)
    {
        var user = ConsoleUser.From(context.User);
        return await Validated(async () =>
        {
            var range = new QueueFilter { From = from, To = to, Agency = agency }.ToQuery(user.Id, pageSize: 1, zone, deadline.OverdueBefore(clock.GetUtcNow()));
            return Results.Ok(ApiModels.Quality(await quality.BuildAsync(user, range.AgencyIds, range.From, range.To, ct)));
        });
    }

    private static async Task<IResult> GetFlag(HttpContext context, FlagReviewService review, ElectionCalendar calendar, long id, CancellationToken ct) =>
        await review.ViewAsync(ConsoleUser.From(context.User), id, ct) is { } detail ? Results.Ok(ApiModels.Detail(detail, calendar)) : Results.NotFound();

    private static Task<IResult> Decide(HttpContext context, FlagReviewService review, long id, ApiModels.DecisionRequest body, CancellationToken ct) =>
        Validated(async () =>
        {
            if (!Enum.TryParse<DecisionKind>(body.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                throw new DomainValidationException($"unknown decision '{body.Kind}' (expected Confirm, Dismiss, Escalate, Note, Assign, Reopen, Agree or Disagree)");
            }
            ViolationCategory? category = null;
            if (!string.IsNullOrWhiteSpace(body.Category))
            {
                category = Enum.TryParse<ViolationCategory>(body.Category, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                    ? parsed
                    : throw new DomainValidationException($"unknown category '{body.Category}' (expected one of: {string.Join(", ", Enum.GetNames<ViolationCategory>())})");
            }
            Label? label = null;
            if (!string.IsNullOrWhiteSpace(body.Label))
            {
                label = LabelNames.Parse(body.Label);
            }
            var decision = await review.DecideAsync(ConsoleUser.From(context.User), id, kind, category, body.Reason, label, ct);
            return decision is null
                ? Results.NotFound()
                : Results.Ok(new ApiModels.DecisionRow(decision.Id, decision.UserId, decision.DecidedAt, decision.Kind.ToString(), decision.Category?.ToString(), decision.Reason, decision.Label?.ToCode()));
        });

    /// <summary>The CSV is the request body; <c>?commit=true</c> imports, otherwise the answer is a preview.</summary>
    private static async Task<IResult> ImportAccounts(HttpContext context, AccountImportService import, bool? commit, CancellationToken ct)
    {
        using var reader = new StreamReader(context.Request.Body, System.Text.Encoding.UTF8);
        var csv = await reader.ReadToEndAsync(ct);
        return await Validated(async () =>
        {
            var result = await import.RunAsync(ConsoleUser.From(context.User), csv, commit == true, ct);
            return Results.Ok(new
            {
                result.Committed,
                result.RowsRead,
                accepted = result.Accepted.Select(a => new { platform = a.Platform.ToCode(), a.Handle, nip = a.StaffNip.Value, a.PlatformAccountId }),
                // Scripts read the English text; the console shows the same reasons in the reader's language.
                errors = result.Errors.Select(e => new { e.Line, reason = e.Reason.ToString() }),
                result.Imported,
            });
        });
    }

    private static object AccountJson(WatchedAccount a) => new
    {
        a.Id,
        platform = a.Platform.ToCode(),
        a.Handle,
        a.PlatformAccountId,
        a.StaffId,
        status = a.Status.ToString(),
        a.LastPolledAt,
        a.ConsecutiveFailures,
        LastError = a.LastError?.ToString(),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<IResult> Validated(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (DomainValidationException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async ValueTask<object?> RequireAntiforgeryForUnsafeMethods(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (IsUnsafe(http.Request) && ApiTokenAuthenticationHandler.TokenId(http.User) is null)
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem("missing or invalid antiforgery token: send the token from GET /api/antiforgery in the X-CSRF-TOKEN header",
                    statusCode: StatusCodes.Status400BadRequest);
            }
        }
        return await next(context);
    }

    /// <summary>Every state-changing call made with an API token, with its outcome, under the token's subject.</summary>
    private static async ValueTask<object?> AuditTokenCalls(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await next(context);
        if (IsUnsafe(http.Request) && ApiTokenAuthenticationHandler.TokenId(http.User) is { } tokenId)
        {
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
            var services = http.RequestServices;
            await services.GetRequiredService<IAuditLog>().AppendAsync(ConsoleUser.From(http.User).UserName, AuditActions.ApiTokenCall, ApiTokenService.Subject(tokenId),
                $"{http.Request.Method} {http.Request.Path} -> {status.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                services.GetRequiredService<TimeProvider>().GetUtcNow(), http.RequestAborted);
        }
        return result;
    }

    private static bool IsUnsafe(HttpRequest request) =>
        !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method);
}

/// <summary>The queue filter as API query parameters.</summary>
internal readonly record struct QueueFilterParameters(
    string? Status, string? Label, long? Agency, string? Platform, string? From, string? To, double? MinScore, string? Sort, bool? Mine, bool? Overdue, string? Contest, string? Phase,
    int? Page, int? PageSize)
{
    public QueueFilter ToFilter() => new()
    {
        Status = Status, Label = Label, Agency = Agency, Platform = Platform, From = From, To = To,
        MinScore = MinScore, Sort = Sort, Mine = Mine == true, Overdue = Overdue == true, Contest = Contest, Phase = Phase, Page = Page,
    };
}
