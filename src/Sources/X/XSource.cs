using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Sources.Http;
using SocialWatch.Sources.Text;

namespace SocialWatch.Sources.X;

/// <summary>
/// A user's posts from the X API v2 with an app-only bearer token (platform-apis.md §3). Cursor: the newest post id
/// stored, sent as <c>since_id</c>; the pages of one poll are followed through <c>next_token</c> (newest first), and the
/// cursor only moves once every page was read, so no older post between the pages can be skipped.
/// Only registered when a token is configured: every read is billed.
/// </summary>
public sealed class XSource(HttpClient http, IOptions<SourcesOptions> options, ILogger<XSource> logger) : IPostSource
{
    // The timeline serves at most the 3,200 newest posts; more pages than that cannot exist.
    private const int TimelineLimit = 3200;

    private const string Fields =
        "tweet.fields=created_at,lang,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,entities,attachments,edit_history_tweet_ids,note_tweet,possibly_sensitive"
        + "&expansions=referenced_tweets.id,attachments.media_keys,author_id,edit_history_tweet_ids"
        + "&media.fields=alt_text,type,url,preview_image_url&user.fields=username,name";

    private readonly XOptions settings = options.Value.X;

    public Platform Platform => Platform.X;

    public async Task<FetchResult> FetchAsync(WatchedAccount account, CancellationToken ct)
    {
        var handle = account.Handle.Trim().TrimStart('@');
        LocalizableMessage what = $"X account @{handle}";
        var userId = account.PlatformAccountId ?? await LookupAsync(handle, what, ct);
        var batch = new FetchBatch();
        var since = account.Cursor is { Length: > 0 } cursor ? cursor : null;
        string? newest = null;
        string? pageToken = null;
        var complete = true;
        var maxPages = (TimelineLimit / settings.PageSize) + 1;

        for (var page = 0; page < maxPages; page++)
        {
            var query = $"2/users/{Uri.EscapeDataString(userId)}/tweets?max_results={settings.PageSize}&{Fields}"
                + (since is null ? "" : $"&since_id={Uri.EscapeDataString(since)}")
                + (pageToken is null ? "" : $"&pagination_token={Uri.EscapeDataString(pageToken)}");
            using var response = await GetAsync(query, ct);
            await SourceResponses.EnsureSuccessAsync(response, what, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            using var document = batch.ParsePage(body, what);
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            {
                if (document is not null)
                {
                    batch.Quarantine(body, $"{what}: expected a JSON object");
                }

                complete = false;
                break;
            }

            var root = document.RootElement;
            ThrowIfAccountErrors(root, what);
            var includes = XIncludes.Read(root);
            foreach (var post in root.Array("data"))
            {
                var raw = XMapper.RawWithIncludes(post, includes);
                batch.TryAdd(raw, () => XMapper.Map(post, includes, handle, raw));
                newest = NumericIdOrder.Max(newest, post.String("id"));
            }

            pageToken = root.Object("meta")?.String("next_token");
            if (pageToken is null)
            {
                break;
            }
        }

        if (batch.QuarantinedCount > 0)
        {
            Log.Quarantined(logger, "x", handle, batch.QuarantinedCount);
        }

        return batch.ToResult(complete ? newest ?? since : null, userId);
    }

    private async Task<string> LookupAsync(string handle, LocalizableMessage what, CancellationToken ct)
    {
        using var response = await GetAsync($"2/users/by/username/{Uri.EscapeDataString(handle)}", ct);
        await SourceResponses.EnsureSuccessAsync(response, what, ct);
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            ThrowIfAccountErrors(document.RootElement, what);
            return (document.RootElement.Object("data") ?? throw new ItemFormatException("missing object 'data'")).RequiredString("id", "data.id");
        }
        catch (Exception e) when (e is JsonException or ItemFormatException)
        {
            throw new HttpRequestException($"{what}: unreadable user lookup answer ({e.Message})", e);
        }
    }

    // X answers 200 with only "errors" when the user does not exist, is suspended or protected.
    private static void ThrowIfAccountErrors(JsonElement root, LocalizableMessage what)
    {
        if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("data", out _))
        {
            return;
        }

        var error = root.Array("errors").FirstOrDefault();
        if (error.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var detail = error.String("detail") ?? error.String("title") ?? error.String("message") ?? "unknown error";
        throw new PermanentSourceException($"{what}: {detail} ({error.String("type") ?? "no type"})");
    }

    private async Task<HttpResponseMessage> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(SourceUrls.WithTrailingSlash(settings.BaseUrl), pathAndQuery));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.BearerToken);
        return await http.SendAsync(request, ct);
    }
}
