using System.Text.Json;
using SocialWatch.Core.Domain;
using SocialWatch.Sources.Text;

namespace SocialWatch.Sources.Mastodon;

/// <summary>Maps one Mastodon Status entity to a <see cref="FetchedPost"/> (platform-apis.md §1.5).</summary>
internal static class MastodonMapper
{
    public static bool IsPublic(JsonElement status) =>
        status.String("visibility") is null or "public" or "unlisted";

    /// <exception cref="ItemFormatException">A required field is missing or malformed.</exception>
    public static FetchedPost Map(JsonElement status, string raw)
    {
        var id = status.RequiredString("id");
        var author = status.Object("account") ?? throw new ItemFormatException("missing object 'account'");
        var reblog = status.Object("reblog");
        var quoted = QuotedStatus(status);
        // A boost carries the original post inside "reblog": its words, tags and media are what the reader saw.
        var shown = reblog ?? status;

        return new FetchedPost
        {
            Platform = Platform.Mastodon,
            PlatformPostId = id,
            AccountPlatformId = author.RequiredString("id", "account.id"),
            AccountHandle = author.RequiredString("acct", "account.acct"),
            CreatedAt = status.RequiredDate("created_at"),
            EditedAt = status.OptionalDate("edited_at"),
            Text = VisibleText(status),
            Language = LanguageCodes.Normalise(status.String("language") ?? reblog?.String("language")),
            Url = status.String("url") ?? status.String("uri"),
            IsRepost = reblog is not null,
            IsQuote = quoted is not null,
            ReplyToPostId = status.String("in_reply_to_id"),
            SharedText = reblog is { } r ? VisibleText(r) : quoted is { } q ? VisibleText(q) : null,
            Hashtags = shown.Array("tags").Select(t => t.String("name")).OfType<string>().Distinct().ToList(),
            Mentions = shown.Array("mentions").Select(m => m.String("acct")).OfType<string>().Distinct().ToList(),
            MediaDescriptions = shown.Array("media_attachments").Select(m => m.String("description"))
                .Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d!.Trim()).ToList(),
            MediaUrls = shown.Array("media_attachments").Select(m => m.String("url") ?? m.String("remote_url")).OfType<string>().ToList(),
            RawPayload = raw,
        };
    }

    // The content warning is shown above the post, so it is part of what was said.
    private static string VisibleText(JsonElement status)
    {
        var warning = status.String("spoiler_text");
        var content = HtmlText.ToText(status.String("content"));
        return string.IsNullOrWhiteSpace(warning) ? content : $"{warning.Trim()}\n{content}".Trim();
    }

    // Mastodon 4.4+ wraps the quoted post in a Quote entity ({state, quoted_status}); some servers inline the Status.
    private static JsonElement? QuotedStatus(JsonElement status) =>
        status.Object("quote") is not { } quote
            ? null
            : quote.Object("quoted_status") ?? (quote.String("content") is not null ? quote : null);
}
