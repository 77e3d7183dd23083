using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Sources.Http;

namespace SocialWatch.Sources.Feeds;

/// <summary>
/// A YouTube channel's upload feed (Atom; no API key). The handle is the channel id (<c>UC…</c>) or the feed address.
/// The feed lists only the latest uploads, so the channel must be polled at least daily.
/// </summary>
public sealed class YoutubeSource(HttpClient http, IOptions<SourcesOptions> options, ILogger<YoutubeSource> logger) : IPostSource
{
    public Platform Platform => Platform.Youtube;

    public Task<FetchResult> FetchAsync(WatchedAccount account, CancellationToken ct)
    {
        var settings = options.Value.Youtube;
        var channel = (account.PlatformAccountId ?? account.Handle).Trim();
        var feedUrl = Uri.TryCreate(channel, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : new Uri(SourceUrls.WithTrailingSlash(settings.BaseUrl), $"feeds/videos.xml?channel_id={Uri.EscapeDataString(channel)}");
        return FeedReader.ReadAsync(http, feedUrl, Platform.Youtube, account.Cursor, settings.SeenItemsKept,
            options.Value.MaxResponseBytes, logger, ct);
    }
}
