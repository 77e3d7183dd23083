using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Sources.Feeds;

/// <summary>A blog or news feed (RSS 2.0 or Atom). The watched account's handle is the feed's address.</summary>
public sealed class RssSource(HttpClient http, IOptions<SourcesOptions> options, ILogger<RssSource> logger) : IPostSource
{
    public Platform Platform => Platform.Rss;

    public Task<FetchResult> FetchAsync(WatchedAccount account, CancellationToken ct)
    {
        var address = account.PlatformAccountId ?? account.Handle.Trim();
        if (!Uri.TryCreate(address, UriKind.Absolute, out var feedUrl) || (feedUrl.Scheme != Uri.UriSchemeHttp && feedUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new PermanentSourceException($"RSS account '{address}' is not an absolute http(s) feed address");
        }

        return FeedReader.ReadAsync(http, feedUrl, Platform.Rss, account.Cursor, options.Value.Rss.SeenItemsKept,
            options.Value.MaxResponseBytes, logger, ct);
    }
}
