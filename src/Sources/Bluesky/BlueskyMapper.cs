using System.Text;
using System.Text.Json;
using SocialWatch.Core.Domain;
using SocialWatch.Sources.Text;

namespace SocialWatch.Sources.Bluesky;

/// <summary>Maps one <c>feedViewPost</c> of an author feed to a <see cref="FetchedPost"/> (platform-apis.md §2.6).</summary>
internal static class BlueskyMapper
{
    private const string RepostReason = "app.bsky.feed.defs#reasonRepost";
    private const string PinReason = "app.bsky.feed.defs#reasonPin";

    public static bool IsPin(JsonElement item) => item.Object("reason")?.String("$type") == PinReason;

    /// <summary>What identifies a feed item in the checkpoint: the repost record for a repost, else the post.</summary>
    public static string Key(JsonElement item)
    {
        var post = item.Object("post") ?? throw new ItemFormatException("missing object 'post'");
        return Repost(item)?.String("uri") ?? post.RequiredString("uri", "post.uri");
    }

    /// <summary>The item's place in the feed: the repost time for a repost, else min(indexedAt, createdAt) as the AppView sorts.</summary>
    public static DateTimeOffset SortTime(JsonElement item)
    {
        if (Repost(item) is { } reason)
        {
            return reason.RequiredDate("indexedAt", "reason.indexedAt");
        }

        var post = item.Object("post") ?? throw new ItemFormatException("missing object 'post'");
        var created = (post.Object("record") ?? throw new ItemFormatException("missing object 'post.record'"))
            .RequiredDate("createdAt", "post.record.createdAt");
        var indexed = post.OptionalDate("indexedAt", "post.indexedAt") ?? created;
        return indexed < created ? indexed : created;
    }

    /// <exception cref="ItemFormatException">A required field is missing or malformed.</exception>
    public static FetchedPost Map(JsonElement item, string raw)
    {
        var post = item.Object("post") ?? throw new ItemFormatException("missing object 'post'");
        var uri = post.RequiredString("uri", "post.uri");
        var author = post.Object("author") ?? throw new ItemFormatException("missing object 'post.author'");
        var authorHandle = author.RequiredString("handle", "post.author.handle");
        var record = post.Object("record") ?? throw new ItemFormatException("missing object 'post.record'");
        var created = record.RequiredDate("createdAt", "post.record.createdAt");
        var text = record.String("text") ?? "";
        var reason = Repost(item);
        var by = reason?.Object("by");
        if (reason is not null && by is null)
        {
            throw new ItemFormatException("repost without 'reason.by'");
        }

        var quote = Quote(post, record);
        var media = Media(post, record);

        return new FetchedPost
        {
            Platform = Platform.Bluesky,
            // A repost is our account's own act: its repost record, not the original post, identifies it.
            PlatformPostId = reason is null ? uri : reason.Value.String("uri") ?? $"{uri}#repost-by-{by!.Value.RequiredString("did", "reason.by.did")}",
            AccountPlatformId = by is { } b ? b.RequiredString("did", "reason.by.did") : author.RequiredString("did", "post.author.did"),
            AccountHandle = by is { } h ? h.RequiredString("handle", "reason.by.handle") : authorHandle,
            CreatedAt = reason?.OptionalDate("indexedAt", "reason.indexedAt") ?? created,
            EditedAt = null, // Bluesky records have no edits.
            Text = reason is null ? text : "",
            Language = LanguageCodes.Normalise(record.Array("langs").Select(l => l.GetString()).FirstOrDefault()),
            Url = $"https://bsky.app/profile/{authorHandle}/post/{uri[(uri.LastIndexOf('/') + 1)..]}",
            IsRepost = reason is not null,
            IsQuote = quote.IsQuote,
            ReplyToPostId = record.Object("reply")?.Object("parent")?.String("uri"),
            SharedText = reason is not null ? Join(text, quote.Text) : quote.Text,
            Hashtags = Features(record, "app.bsky.richtext.facet#tag").Select(f => f.Feature.String("tag"))
                .Concat(record.Array("tags").Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : null))
                .OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
            Mentions = Mentions(record, text),
            MediaDescriptions = media.Select(m => m.Alt).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim()).ToList(),
            MediaUrls = media.Select(m => m.Url).OfType<string>().ToList(),
            RawPayload = raw,
        };
    }

    private static JsonElement? Repost(JsonElement item) =>
        item.Object("reason") is { } reason && reason.String("$type") == RepostReason ? reason : null;

    private static string? Join(string own, string? quoted) =>
        string.IsNullOrWhiteSpace(quoted) ? own : $"{own}\n{quoted}";

    // The hydrated view (post.embed) has the quoted text; the record embed only says that there is a quote.
    private static (bool IsQuote, string? Text) Quote(JsonElement post, JsonElement record)
    {
        var view = post.Object("embed");
        var viewRecord = view?.String("$type") switch
        {
            "app.bsky.embed.record#view" => view.Value.Object("record"),
            "app.bsky.embed.recordWithMedia#view" => view.Value.Object("record")?.Object("record"),
            _ => null,
        };
        if (viewRecord is { } quoted)
        {
            return (true, quoted.Object("value")?.String("text"));
        }

        var recordEmbed = record.Object("embed")?.String("$type");
        return (recordEmbed is "app.bsky.embed.record" or "app.bsky.embed.recordWithMedia", null);
    }

    private static List<(string? Alt, string? Url)> Media(JsonElement post, JsonElement record)
    {
        var view = post.Object("embed");
        if (view?.String("$type") == "app.bsky.embed.recordWithMedia#view")
        {
            view = view.Value.Object("media");
        }

        var fromView = view?.String("$type") switch
        {
            "app.bsky.embed.images#view" => view.Value.Array("images").Select(i => (i.String("alt"), i.String("fullsize") ?? i.String("thumb"))).ToList(),
            "app.bsky.embed.video#view" => [(view.Value.String("alt"), view.Value.String("playlist"))],
            _ => null,
        };
        if (fromView is not null)
        {
            return fromView;
        }

        // No hydrated view: the record still carries the alt texts, without URLs.
        var embed = record.Object("embed");
        if (embed?.String("$type") == "app.bsky.embed.recordWithMedia")
        {
            embed = embed.Value.Object("media");
        }

        return embed?.String("$type") switch
        {
            "app.bsky.embed.images" => embed.Value.Array("images").Select(i => (i.String("alt"), (string?)null)).ToList(),
            "app.bsky.embed.video" => [(embed.Value.String("alt"), null)],
            _ => [],
        };
    }

    // Facet offsets count UTF-8 bytes, not UTF-16 chars: slice the bytes.
    private static List<string> Mentions(JsonElement record, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var mentions = new List<string>();
        foreach (var (index, feature) in Features(record, "app.bsky.richtext.facet#mention"))
        {
            var handle = Slice(bytes, index)?.TrimStart('@');
            var mention = string.IsNullOrWhiteSpace(handle) ? feature.String("did") : handle;
            if (mention is not null && !mentions.Contains(mention))
            {
                mentions.Add(mention);
            }
        }

        return mentions;
    }

    private static string? Slice(byte[] bytes, JsonElement index)
    {
        if (!index.TryGetProperty("byteStart", out var s) || !s.TryGetInt32(out var start)
            || !index.TryGetProperty("byteEnd", out var e) || !e.TryGetInt32(out var end)
            || start < 0 || end > bytes.Length || start >= end)
        {
            return null;
        }

        return Encoding.UTF8.GetString(bytes, start, end - start);
    }

    private static IEnumerable<(JsonElement Index, JsonElement Feature)> Features(JsonElement record, string type) =>
        from facet in record.Array("facets")
        let index = facet.Object("index")
        where index is not null
        from feature in facet.Array("features")
        where feature.String("$type") == type
        select (index.Value, feature);
}
