using System.Net;
using System.Text;
using System.Text.Json;
using SocialWatch.Core.Domain;
using SocialWatch.Sources.Text;

namespace SocialWatch.Sources.X;

/// <summary>Maps one X post (with its page's includes) to a <see cref="FetchedPost"/> (platform-apis.md §3.5).</summary>
internal static class XMapper
{
    /// <exception cref="ItemFormatException">A required field is missing or malformed.</exception>
    public static FetchedPost Map(JsonElement post, XIncludes includes, string fallbackHandle, string raw)
    {
        var id = post.RequiredString("id");
        var versions = EditHistory(post);
        var authorId = post.String("author_id");
        var handle = authorId is not null && includes.Users.TryGetValue(authorId, out var user) && user.String("username") is { } name
            ? name
            : fallbackHandle;
        var references = References(post);
        var retweeted = Referenced(references, "retweeted", includes);
        var quoted = Referenced(references, "quoted", includes);
        var isRepost = references.Any(r => r.Type == "retweeted");
        // A retweet's own text is a truncated "RT @…" copy: the words, tags and media are the original's.
        var shown = retweeted ?? post;
        var latestCreated = post.RequiredDate("created_at");
        var firstVersion = versions.Count > 1 && includes.Posts.TryGetValue(versions[0], out var first) ? first : (JsonElement?)null;

        return new FetchedPost
        {
            Platform = Platform.X,
            // Each edit gets a new id; the first id in the edit history names the post across its versions.
            PlatformPostId = versions.Count > 0 ? versions[0] : id,
            AccountPlatformId = authorId,
            AccountHandle = handle,
            CreatedAt = firstVersion?.OptionalDate("created_at") ?? latestCreated,
            // The timeline shows the latest version, created when the post was last edited.
            EditedAt = versions.Count > 1 ? latestCreated : null,
            Text = isRepost ? "" : FullText(post),
            Language = LanguageCodes.Normalise(post.String("lang")),
            Url = $"https://x.com/{handle}/status/{id}",
            IsRepost = isRepost,
            IsQuote = references.Any(r => r.Type == "quoted"),
            ReplyToPostId = references.FirstOrDefault(r => r.Type == "replied_to").Id,
            SharedText = isRepost ? (retweeted is { } r ? FullText(r) : WithoutRetweetPrefix(FullText(post)))
                : quoted is { } q ? FullText(q) : null,
            Hashtags = Entities(shown, "hashtags", "tag"),
            Mentions = Entities(post, "mentions", "username"),
            MediaDescriptions = Media(shown, includes).Select(m => m.String("alt_text")).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim()).ToList(),
            MediaUrls = Media(shown, includes).Select(m => m.String("url") ?? m.String("preview_image_url")).OfType<string>().ToList(),
            RawPayload = raw,
        };
    }

    /// <summary>The item with the included objects it refers to, so the evidence holds the shared text too.</summary>
    public static string RawWithIncludes(JsonElement post, XIncludes includes)
    {
        var referenced = References(post).Select(r => r.Id)
            .Concat(EditHistory(post).Take(1))
            .Where(includes.Posts.ContainsKey).Distinct().Select(id => includes.Posts[id]).ToList();
        var userIds = new[] { post }.Concat(referenced).Select(p => p.String("author_id")).OfType<string>().Distinct();
        var mediaKeys = new[] { post }.Concat(referenced).SelectMany(p => p.Object("attachments")?.Array("media_keys") ?? [])
            .Select(k => k.GetString()).OfType<string>().Distinct();

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data");
            post.WriteTo(writer);
            writer.WriteStartObject("includes");
            WriteArray(writer, "tweets", referenced);
            WriteArray(writer, "users", userIds.Where(includes.Users.ContainsKey).Select(id => includes.Users[id]));
            WriteArray(writer, "media", mediaKeys.Where(includes.Media.ContainsKey).Select(key => includes.Media[key]));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IEnumerable<JsonElement> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            item.WriteTo(writer);
        }

        writer.WriteEndArray();
    }

    private static List<string> EditHistory(JsonElement post) =>
        post.Array("edit_history_tweet_ids").Concat(post.Array("edit_history_post_ids"))
            .Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null).OfType<string>().ToList();

    private static List<(string Type, string Id)> References(JsonElement post) =>
        post.Array("referenced_tweets").Concat(post.Array("referenced_posts"))
            .Select(r => (Type: r.String("type"), Id: r.String("id")))
            .Where(r => r.Type is not null && r.Id is not null)
            .Select(r => (r.Type!, r.Id!)).ToList();

    private static JsonElement? Referenced(List<(string Type, string Id)> references, string type, XIncludes includes) =>
        references.FirstOrDefault(r => r.Type == type) is { Id: not null } reference && includes.Posts.TryGetValue(reference.Id, out var post)
            ? post
            : null;

    // Long posts carry their whole text in note_tweet (note_post in the newest naming); text holds only the start.
    // X escapes &, < and > in text as HTML entities.
    private static string FullText(JsonElement post) =>
        WebUtility.HtmlDecode(post.Object("note_tweet")?.String("text") ?? post.Object("note_post")?.String("text") ?? post.String("text") ?? "");

    private static string WithoutRetweetPrefix(string text)
    {
        if (!text.StartsWith("RT @", StringComparison.Ordinal))
        {
            return text;
        }

        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? text : text[(colon + 2)..];
    }

    private static List<string> Entities(JsonElement post, string kind, string field) =>
        (post.Object("entities")?.Array(kind) ?? []).Select(e => e.String(field)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    private static IEnumerable<JsonElement> Media(JsonElement post, XIncludes includes) =>
        (post.Object("attachments")?.Array("media_keys") ?? [])
            .Select(k => k.ValueKind == JsonValueKind.String ? k.GetString() : null)
            .Where(k => k is not null && includes.Media.ContainsKey(k))
            .Select(k => includes.Media[k!]);
}
