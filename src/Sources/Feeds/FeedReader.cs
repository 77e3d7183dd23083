using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Sources.Http;
using SocialWatch.Sources.Text;

namespace SocialWatch.Sources.Feeds;

/// <summary>
/// Reads one RSS or Atom feed: a conditional GET (304 = nothing new), a parse with DTDs and external entities off,
/// then the items not handed on before. A document that is not a feed is quarantined whole.
/// </summary>
internal static class FeedReader
{
    public static async Task<FetchResult> ReadAsync(HttpClient http, Uri feedUrl, Platform platform, string? cursor,
        int seenKept, long maxBytes, ILogger logger, CancellationToken ct)
    {
        var checkpoint = FeedCheckpoint.Parse(cursor);
        LocalizableMessage what = $"{platform.ToCode()} feed {feedUrl}";
        using var request = new HttpRequestMessage(HttpMethod.Get, feedUrl);
        if (checkpoint.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (checkpoint.LastModified is { } modified)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
        }

        using var response = await http.SendAsync(request, ct);
        var batch = new FetchBatch();
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return batch.ToResult(cursor, feedUrl.AbsoluteUri);
        }

        await SourceResponses.EnsureSuccessAsync(response, what, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var items = Parse(bytes, maxBytes, out var error);
        if (items is null)
        {
            batch.Quarantine(Encoding.UTF8.GetString(bytes), $"{what}: {error}");
            Log.Quarantined(logger, platform.ToCode(), feedUrl.AbsoluteUri, 1);
            return batch.ToResult(null, feedUrl.AbsoluteUri);
        }

        var seen = checkpoint.Seen.ToHashSet(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var item in items)
        {
            var raw = item.ToString(SaveOptions.DisableFormatting);
            FetchedPost post;
            try
            {
                post = FeedMapper.Map(item, platform, feedUrl.AbsoluteUri, raw);
            }
            catch (ItemFormatException e)
            {
                // Remembered too, so a broken item is quarantined once, not on every poll.
                var brokenKey = "q:" + FeedMapper.Hash(raw);
                keys.Add(brokenKey);
                if (!seen.Contains(brokenKey))
                {
                    batch.Quarantine(raw, e.Message);
                }

                continue;
            }

            var key = FeedMapper.Key(post);
            keys.Add(key);
            if (!seen.Contains(key))
            {
                batch.Add(post);
            }
        }

        if (batch.QuarantinedCount > 0)
        {
            Log.Quarantined(logger, platform.ToCode(), feedUrl.AbsoluteUri, batch.QuarantinedCount);
        }

        var next = new FeedCheckpoint(
            response.Headers.ETag?.ToString(),
            response.Content.Headers.LastModified?.ToString("R"),
            keys.Concat(checkpoint.Seen).Distinct(StringComparer.Ordinal).Take(seenKept).ToList());
        return batch.ToResult(next.Serialize(), feedUrl.AbsoluteUri);
    }

    private static List<XElement>? Parse(byte[] bytes, long maxBytes, out string? error)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore, // no entity expansion (billion laughs), no DTD fetches
            XmlResolver = null,
            MaxCharactersInDocument = maxBytes,
            MaxCharactersFromEntities = 0,
        };
        try
        {
            using var stream = new MemoryStream(bytes);
            using var reader = XmlReader.Create(stream, settings);
            var document = XDocument.Load(reader);
            var items = FeedMapper.Items(document);
            error = items is null ? $"not an RSS 2.0 or Atom document (root element <{document.Root?.Name.LocalName}>)" : null;
            return items?.ToList();
        }
        catch (XmlException e)
        {
            error = $"the feed is not well-formed XML ({e.Message})";
            return null;
        }
    }
}
