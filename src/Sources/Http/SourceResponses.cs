using System.Net;
using System.Text.Json;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Domain;

namespace SocialWatch.Sources.Http;

/// <summary>
/// Turns a final (post-retry) error response into the right exception: permanent account errors become
/// <see cref="PermanentSourceException"/>; anything transient stays an <see cref="HttpRequestException"/>
/// so the scheduler simply tries again on the next poll.
/// </summary>
internal static class SourceResponses
{
    private const int MaxReasonLength = 300;
    private static readonly string[] ErrorFields = ["error", "message", "title", "detail", "type"];

    /// <param name="what">What was asked for, for the message, e.g. "Mastodon account @budi".</param>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, LocalizableMessage what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        var detail = await ErrorDetailAsync(response, ct);
        var suffix = detail is null ? "" : $": {detail}";

        throw response.StatusCode switch
        {
            HttpStatusCode.NotFound => new PermanentSourceException($"{what} not found (HTTP 404){suffix}"),
            HttpStatusCode.Gone => new PermanentSourceException($"{what} is gone or suspended (HTTP 410){suffix}"),
            HttpStatusCode.Unauthorized => new PermanentSourceException($"{what}: authentication required or refused (HTTP 401){suffix}"),
            HttpStatusCode.Forbidden => new PermanentSourceException($"{what}: access forbidden (HTTP 403){suffix}"),
            _ when SourceResilience.IsTransientStatus(response.StatusCode) =>
                new TransientSourceException($"{what}: HTTP {status}, a transient failure; the next poll tries again{suffix}", response.StatusCode),
            // Other 4xx (400 "Profile not found", 422 …): the request itself is refused; retrying cannot help.
            _ => new PermanentSourceException($"{what}: request refused (HTTP {status}){suffix}"),
        };
    }

    /// <summary>The platform's own error words (Mastodon "error", Bluesky "error"/"message", X "title"/"detail"), shortened and made printable.</summary>
    internal static async Task<string?> ErrorDetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var parts = ErrorFields
                    .Select(name => document.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
                    .Where(s => !string.IsNullOrWhiteSpace(s))
                    .Distinct()
                    .ToList();
                if (parts.Count > 0)
                {
                    return Printable(string.Join(" - ", parts));
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall back to the start of the body.
        }

        return Printable(body);
    }

    private static string Printable(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return clean.Length <= MaxReasonLength ? clean : clean[..MaxReasonLength] + "…";
    }
}
