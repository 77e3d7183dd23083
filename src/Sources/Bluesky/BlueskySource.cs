using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Sources.Http;
using SocialWatch.Sources.Text;

namespace SocialWatch.Sources.Bluesky;

/// <summary>
/// An account's public author feed from the Bluesky AppView (platform-apis.md §2): posts, replies and reposts.
/// The feed is read newest first until an item the checkpoint already covers; the feed's own cursor is followed
/// only while whole pages are new. The account is addressed by its DID, which survives handle changes.
/// </summary>
public sealed class BlueskySource(HttpClient http, IOptions<SourcesOptions> options, ILogger<BlueskySource> logger) : IPostSource
{
    private readonly BlueskyOptions settings = options.Value.Bluesky;

    public Platform Platform => Platform.Bluesky;

    public async Task<FetchResult> FetchAsync(WatchedAccount account, CancellationToken ct)
    {
        var handle = account.Handle.Trim().TrimStart('@');
        LocalizableMessage what = $"Bluesky account {handle}";
        var did = account.PlatformAccountId
            ?? (handle.StartsWith("did:", StringComparison.Ordinal) ? handle : await ResolveAsync(handle, what, ct));
        var checkpoint = BlueskyCheckpoint.Parse(account.Cursor);
        var batch = new FetchBatch();
        var newKeys = new List<string>();
        var newest = DateTimeOffset.MinValue;
        string? feedCursor = null;
        var complete = true;
        var window = new NewestPageWindow();

        for (var page = 0; page < settings.MaxPagesPerPoll; page++)
        {
            var query = $"xrpc/app.bsky.feed.getAuthorFeed?actor={Uri.EscapeDataString(did)}&limit={settings.PageSize}&filter=posts_with_replies"
                + (feedCursor is null ? "" : $"&cursor={Uri.EscapeDataString(feedCursor)}");
            using var response = await GetAsync(query, ct);
            await SourceResponses.EnsureSuccessAsync(response, what, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            using var document = batch.ParsePage(body, what);
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            {
                if (document is not null)
                {
                    batch.Quarantine(body, $"{what}: expected a JSON object with 'feed'");
                }

                complete = false; // Older items were not read: keep the old checkpoint so they are not skipped.
                break;
            }

            var reachedKnown = false;
            foreach (var item in document.RootElement.Array("feed"))
            {
                var raw = item.GetRawText();
                if (BlueskyMapper.IsPin(item))
                {
                    continue; // The pinned post also appears at its own place in the feed.
                }

                string key;
                DateTimeOffset time;
                try
                {
                    key = BlueskyMapper.Key(item);
                    time = BlueskyMapper.SortTime(item);
                    if (page == 0)
                    {
                        window.Add(BlueskyMapper.Map(item, raw).PlatformPostId, time);
                    }
                }
                catch (ItemFormatException e)
                {
                    batch.Quarantine(raw, e.Message);
                    window.Spoil();
                    continue;
                }

                if (checkpoint is not null && (checkpoint.Seen.Contains(key) || time < checkpoint.Watermark - settings.ClockSkewMargin))
                {
                    reachedKnown = true;
                    continue;
                }

                batch.TryAdd(raw, () => BlueskyMapper.Map(item, raw));
                newKeys.Add(key);
                newest = time > newest ? time : newest;
            }

            if (page == 0 && feedCursor is null)
            {
                window.PageRead();
            }
            feedCursor = document.RootElement.String("cursor");
            if (reachedKnown || feedCursor is null)
            {
                break;
            }
        }

        if (batch.QuarantinedCount > 0)
        {
            Log.Quarantined(logger, "bluesky", handle, batch.QuarantinedCount);
        }

        var next = !complete ? null
            : newKeys.Count == 0 ? account.Cursor
            : (checkpoint ?? new BlueskyCheckpoint(DateTimeOffset.MinValue, [])).Advance(newest, newKeys).Serialize();
        // Deletions can only be seen on posts we already hold, so only polls after the first look for them.
        var liveWindow = checkpoint is null ? null : window.ToLiveWindow(settings.ClockSkewMargin);
        return batch.ToResult(next, did) with { LiveWindow = liveWindow };
    }

    /// <summary>
    /// The first page lists every post the account still has down to its oldest item (a short page does not prove
    /// there is nothing older: the feed filters). Margin: a post's creation time may run ahead of the time the feed
    /// sorts it by. A page with an unreadable item gives no window: nothing is marked deleted on doubtful data.
    /// </summary>
    private sealed class NewestPageWindow
    {
        private readonly List<string> ids = [];
        private DateTimeOffset oldest = DateTimeOffset.MaxValue;
        private bool read;
        private bool spoiled;

        public void Add(string id, DateTimeOffset time)
        {
            ids.Add(id);
            oldest = time < oldest ? time : oldest;
        }

        public void Spoil() => spoiled = true;

        public void PageRead() => read = true;

        public LiveWindow? ToLiveWindow(TimeSpan margin) =>
            !read || spoiled || ids.Count == 0 ? null : new LiveWindow(oldest + margin, ids);
    }

    private async Task<string> ResolveAsync(string handle, LocalizableMessage what, CancellationToken ct)
    {
        using var response = await GetAsync($"xrpc/com.atproto.identity.resolveHandle?handle={Uri.EscapeDataString(handle)}", ct);
        await SourceResponses.EnsureSuccessAsync(response, what, ct);
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return document.RootElement.RequiredString("did");
        }
        catch (Exception e) when (e is JsonException or ItemFormatException)
        {
            throw new HttpRequestException($"{what}: unreadable resolveHandle answer ({e.Message})", e);
        }
    }

    private async Task<HttpResponseMessage> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(SourceUrls.WithTrailingSlash(settings.BaseUrl), pathAndQuery));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await http.SendAsync(request, ct);
    }
}
