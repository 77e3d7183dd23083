using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using SocialWatch.Core.Domain;
using SocialWatch.Sources.Text;

namespace SocialWatch.Sources.Jsonl;

/// <summary>
/// Streams a <c>posts.v1</c> JSONL file (docs/jsonl-import.md, platform-apis.md §6) line by line: each line becomes a
/// post or an error with its line number. One bad line never stops the file, and memory stays flat however long it is.
/// </summary>
public static class JsonlPostReader
{
    public const string Schema = "posts.v1";

    // Every platform the export names is the post's platform (a polled platform's imported post and polled post are
    // the same post); "other" becomes the generic jsonl platform, whose ids are prefixed to stay unique.
    private static readonly Dictionary<string, Platform> Native = new(StringComparer.Ordinal)
    {
        ["x"] = Platform.X, ["mastodon"] = Platform.Mastodon, ["bluesky"] = Platform.Bluesky,
        ["youtube"] = Platform.Youtube, ["rss"] = Platform.Rss, ["facebook"] = Platform.Facebook,
        ["instagram"] = Platform.Instagram, ["tiktok"] = Platform.Tiktok, ["threads"] = Platform.Threads,
    };

    private static readonly HashSet<string> ImportOnly = new(StringComparer.Ordinal) { "other" };

    private static readonly HashSet<string> MediaTypes = new(StringComparer.Ordinal) { "image", "video", "audio", "other" };

    /// <summary>Opens a .jsonl or gzip-compressed .jsonl.gz file (recognised by its content, not its name).</summary>
    public static async IAsyncEnumerable<JsonlLine> ReadFileAsync(string path, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
        var magic = new byte[2];
        var read = await file.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, ct);
        file.Position = 0;
        await using Stream content = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        await foreach (var line in ReadAsync(content, ct))
        {
            yield return line;
        }
    }

    public static async IAsyncEnumerable<JsonlLine> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
        var number = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return ParseLine(line, number);
            }
        }
    }

    public static JsonlLine ParseLine(string line, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return new JsonlLine(lineNumber, Map(document.RootElement, line), null, line);
        }
        catch (JsonException e)
        {
            return new JsonlLine(lineNumber, null, $"line {lineNumber}: not valid JSON ({e.Message})", line);
        }
        catch (ItemFormatException e)
        {
            return new JsonlLine(lineNumber, null, $"line {lineNumber}: {e.Message}", line);
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json parses "\ud800" but refuses to turn a lone surrogate escape into a string.
            return new JsonlLine(lineNumber, null, $"line {lineNumber}: a text field is not valid Unicode ({e.Message})", line);
        }
    }

    private static JsonlImportedPost Map(JsonElement root, string line)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ItemFormatException($"expected a JSON object, got {root.ValueKind}");
        }

        var schema = RequiredText(root, "schema");
        if (schema != Schema)
        {
            throw new ItemFormatException($"unsupported schema '{JsonFields.Shorten(schema)}' (expected '{Schema}')");
        }

        var platformCode = RequiredText(root, "platform");
        if (!Native.ContainsKey(platformCode) && !ImportOnly.Contains(platformCode))
        {
            throw new ItemFormatException($"unknown platform '{JsonFields.Shorten(platformCode)}' (expected one of: {string.Join(", ", Native.Keys.Concat(ImportOnly))})");
        }

        var postId = RequiredText(root, "platform_post_id");
        var account = root.Object("account") ?? throw new ItemFormatException("missing required object 'account'");
        var handle = OptionalText(account, "handle", "account.handle")?.TrimStart('@');
        var accountId = OptionalText(account, "platform_account_id", "account.platform_account_id");
        if (string.IsNullOrWhiteSpace(handle) && string.IsNullOrWhiteSpace(accountId))
        {
            throw new ItemFormatException("account needs 'handle' or 'platform_account_id'");
        }

        var visibility = OptionalText(root, "visibility") ?? "public";
        if (visibility != "public")
        {
            throw new ItemFormatException($"visibility '{JsonFields.Shorten(visibility)}' is not public: only public posts are imported");
        }

        var text = root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!
            : throw new ItemFormatException("missing required string field 'text' (it may be \"\")");
        text = (OptionalText(root, "text_format") ?? "plain") switch
        {
            "plain" => text,
            "html" => HtmlText.ToText(text),
            var other => throw new ItemFormatException($"text_format '{JsonFields.Shorten(other)}' must be 'plain' or 'html'"),
        };

        var source = root.Object("source") ?? throw new ItemFormatException("missing required object 'source'");
        var repostOf = OptionalObject(root, "repost_of");
        var quoteOf = OptionalObject(root, "quote_of");
        var media = root.Array("media").Select(ReadMedia).ToList();

        var post = new FetchedPost
        {
            Platform = Native.TryGetValue(platformCode, out var native) ? native : Platform.Jsonl,
            PlatformPostId = Native.ContainsKey(platformCode) ? postId : $"{platformCode}:{postId}",
            AccountPlatformId = accountId,
            AccountHandle = string.IsNullOrWhiteSpace(handle) ? accountId! : handle,
            CreatedAt = RequiredDate(root, "created_at"),
            EditedAt = OptionalDate(root, "edited_at"),
            Text = text,
            Language = LanguageCodes.Normalise(OptionalText(root, "language")),
            Url = OptionalText(root, "url"),
            IsRepost = root.Bool("is_repost") || repostOf is not null,
            IsQuote = quoteOf is not null,
            ReplyToPostId = OptionalObject(root, "reply_to") is { } reply ? OptionalText(reply, "platform_post_id", "reply_to.platform_post_id") : null,
            SharedText = (repostOf is { } r ? OptionalText(r, "text", "repost_of.text") : null)
                ?? (quoteOf is { } q ? OptionalText(q, "text", "quote_of.text") : null),
            Hashtags = Strings(root, "hashtags").Select(h => h.TrimStart('#')).Where(h => h.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
            Mentions = root.Array("mentions").Select(ReadMention).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
            MediaDescriptions = media.Select(m => m.Description).OfType<string>().ToList(),
            MediaUrls = media.Select(m => m.Url).OfType<string>().ToList(),
            RawPayload = line,
        };

        var provenance = new JsonlProvenance(
            RequiredText(source, "tool", "source.tool"),
            OptionalText(source, "tool_version", "source.tool_version"),
            RequiredDate(source, "exported_at", "source.exported_at"),
            OptionalText(source, "collected_by", "source.collected_by"));
        return new JsonlImportedPost(post, platformCode, OptionalDate(root, "deleted_at"), provenance);
    }

    private static (string? Url, string? Description) ReadMedia(JsonElement media)
    {
        if (media.ValueKind != JsonValueKind.Object)
        {
            throw new ItemFormatException("each 'media' entry must be an object");
        }

        var type = OptionalText(media, "type", "media.type") ?? "other";
        if (!MediaTypes.Contains(type))
        {
            throw new ItemFormatException($"media type '{JsonFields.Shorten(type)}' must be image, video, audio or other");
        }

        return (OptionalText(media, "url", "media.url"), OptionalText(media, "description", "media.description")?.Trim() is { Length: > 0 } d ? d : null);
    }

    private static string? ReadMention(JsonElement mention) => mention.ValueKind switch
    {
        JsonValueKind.Object => (OptionalText(mention, "handle", "mentions.handle") ?? OptionalText(mention, "platform_account_id", "mentions.platform_account_id"))?.TrimStart('@'),
        JsonValueKind.String => mention.GetString()!.TrimStart('@'),
        _ => throw new ItemFormatException("each 'mentions' entry must be an object {handle, platform_account_id?}"),
    };

    private static IEnumerable<string> Strings(JsonElement element, string name) =>
        element.Array(name).Select(v => v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new ItemFormatException($"'{name}' must be an array of strings"));

    private static string RequiredText(JsonElement element, string name, string? path = null) =>
        OptionalText(element, name, path) is { Length: > 0 } value
            ? value
            : throw new ItemFormatException($"missing required field '{path ?? name}'");

    private static string? OptionalText(JsonElement element, string name, string? path = null)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new ItemFormatException($"field '{path ?? name}' must be a string, got {value.ValueKind}");
    }

    private static JsonElement? OptionalObject(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw new ItemFormatException($"field '{name}' must be an object or null");
    }

    private static DateTimeOffset RequiredDate(JsonElement element, string name, string? path = null) =>
        OptionalDate(element, name, path) ?? throw new ItemFormatException($"missing required field '{path ?? name}'");

    private static DateTimeOffset? OptionalDate(JsonElement element, string name, string? path = null)
    {
        var text = OptionalText(element, name, path);
        if (text is null)
        {
            return null;
        }

        return JsonFields.ParseDate(text)
            ?? throw new ItemFormatException($"field '{path ?? name}' is not an RFC 3339 date with an offset: '{JsonFields.Shorten(text)}'");
    }
}
