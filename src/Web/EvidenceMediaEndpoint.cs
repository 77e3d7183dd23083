using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web;

/// <summary>
/// <c>GET /evidence/media/{id}</c>: a kept image of a flagged post, for the flag page and the case report. The type
/// comes from the bytes (one of the allowed image types, never what the remote server claimed), with nosniff (set on
/// every response) and inline disposition, so the browser can only ever show it as that image.
/// </summary>
internal static class EvidenceMediaEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/evidence/media/{id:long}", ServeAsync).RequireAuthorization(ConsolePolicies.ReadFlags);

    private static async Task<IResult> ServeAsync(long id, HttpContext context, EvidenceService evidence, CancellationToken ct)
    {
        if (await evidence.MediaAsync(ConsoleUser.From(context.User), id, ct) is not { } media)
        {
            return Results.NotFound();
        }
        var extension = media.ContentType["image/".Length..];
        context.Response.Headers.ContentDisposition = $"inline; filename=\"evidence-{id}.{extension}\"";
        // Evidence of a person's case: kept out of shared caches.
        context.Response.Headers.CacheControl = "private, max-age=3600";
        return Results.File(media.Content, media.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + media.Sha256 + "\""));
    }
}
