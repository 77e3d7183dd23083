using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Api;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Export;

/// <summary>
/// <c>GET …/export/queue.csv</c> (the queue's filter parameters) and <c>GET …/export/decisions.csv?from=&amp;to=&amp;agency=</c>,
/// mapped twice: under the console for its download links (cookie) and under <c>/api</c> for scripts (cookie or token).
/// </summary>
internal static class ExportEndpoints
{
    private const string CsvContentType = "text/csv; charset=utf-8";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/export/queue.csv", Queue).RequireAuthorization(ConsolePolicies.ReadFlags);
        routes.MapGet("/export/decisions.csv", Decisions).RequireAuthorization(ConsolePolicies.ReadFlags);
    }

    private static IResult Queue(HttpContext context, CsvExportService export, ReadingTimeZone zone, TimeProvider clock, ReviewDeadline deadline, [AsParameters] QueueFilterParameters filter)
    {
        var user = ConsoleUser.From(context.User);
        FlagQuery query;
        try
        {
            query = filter.ToFilter().ToQuery(user.Id, pageSize: 1, zone, deadline.OverdueBefore(clock.GetUtcNow()));
        }
        catch (DomainValidationException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        return Csv(context, "antrean", zone.ToLocal(clock.GetUtcNow()), (writer, ct) => export.WriteQueueAsync(user, query, Described(context), writer, ct));
    }

    private static IResult Decisions(HttpContext context, CsvExportService export, ReadingTimeZone zone, TimeProvider clock, ReviewDeadline deadline, string? from, string? to, long? agency)
    {
        var user = ConsoleUser.From(context.User);
        FlagQuery range;
        try
        {
            // The queue's own parsing of days and agency, so both exports read dates alike.
            range = new QueueFilter { From = from, To = to, Agency = agency }.ToQuery(user.Id, pageSize: 1, zone, deadline.OverdueBefore(clock.GetUtcNow()));
        }
        catch (DomainValidationException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        return Csv(context, "keputusan", zone.ToLocal(clock.GetUtcNow()), (writer, ct) => export.WriteDecisionsAsync(user, range.AgencyIds, range.From, range.To, Described(context), writer, ct));
    }

    private static string Described(HttpContext context) => "request=" + context.Request.Path + context.Request.QueryString;

    /// <param name="localNow">Names the file, in the readers' time zone.</param>
    private static IResult Csv(HttpContext context, string name, DateTimeOffset localNow, Func<TextWriter, CancellationToken, Task<int>> write)
    {
        var stamp = localNow.ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
        return Results.Stream(async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
            await write(writer, context.RequestAborted);
            await writer.FlushAsync(context.RequestAborted);
        }, CsvContentType, $"{name}-{stamp}.csv");
    }
}
