using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SocialWatch.Core.Domain;
using SocialWatch.Sources.Text;

namespace SocialWatch.Sources.Feeds;

/// <summary>
/// Maps the items of an RSS 2.0 channel, an Atom feed or a YouTube channel feed (Atom with yt: and media:) to
/// posts (platform-apis.md §4.2). Feeds vary a lot, so everything but an id and a date is optional.
/// </summary>
internal static partial class FeedMapper
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace YouTube = "http://www.youtube.com/xml/schemas/2015";
    private static readonly XNamespace MediaRss = "http://search.yahoo.com/mrss/";

    /// <summary>The item elements of the feed, or null when the document is neither RSS 2.0 nor Atom.</summary>
    public static IReadOnlyList<XElement>? Items(XDocument document) => document.Root switch
    {
        { Name.LocalName: "rss" } rss => rss.Element("channel")?.Elements("item").ToList() ?? [],
        { } feed when feed.Name == Atom + "feed" => feed.Elements(Atom + "entry").ToList(),
        _ => null,
    };

    /// <exception cref="ItemFormatException">The item has no id or no readable date.</exception>
    public static FetchedPost Map(XElement item, Platform platform, string feedUrl, string raw) =>
        item.Name.Namespace == Atom ? MapAtom(item, platform, feedUrl, raw) : MapRss(item, platform, feedUrl, raw);

    private static FetchedPost MapRss(XElement item, Platform platform, string feedUrl, string raw)
    {
        var channel = item.Parent!;
        var title = Value(item.Element("title"));
        var pubDate = Value(item.Element("pubDate")) ?? Value(item.Element(DublinCore + "date"));
        var created = FeedDates.Parse(pubDate)
            ?? throw new ItemFormatException(pubDate is null ? "item has no pubDate" : $"pubDate is not an RFC 822 date: '{JsonFields.Shorten(pubDate)}'");
        var link = Value(item.Element("link"));
        var html = Value(item.Element(Content + "encoded")) ?? Value(item.Element("description"));
        var text = Join(title, HtmlText.ToText(html));
        var images = HtmlText.Images(html);
        var enclosures = item.Elements("enclosure").Select(e => (string?)e.Attribute("url")).OfType<string>();

        return new FetchedPost
        {
            Platform = platform,
            PlatformPostId = RssId(Value(item.Element("guid")) ?? link ?? "sha256:" + Hash($"{title}\n{pubDate}"), feedUrl),
            AccountPlatformId = feedUrl,
            AccountHandle = Value(item.Element(DublinCore + "creator")) ?? Value(item.Element("author")) ?? Value(channel.Element("title")) ?? feedUrl,
            CreatedAt = created,
            Text = text,
            Language = LanguageCodes.Normalise(Value(channel.Element("language"))),
            Url = link,
            Hashtags = item.Elements("category").Select(Value).OfType<string>().Concat(HashtagsIn(text)).Distinct(StringComparer.Ordinal).ToList(),
            MediaDescriptions = images.Select(i => i.Alt).OfType<string>().ToList(),
            MediaUrls = enclosures.Concat(images.Select(i => i.Url)).Distinct(StringComparer.Ordinal).ToList(),
            RawPayload = raw,
        };
    }

    private static FetchedPost MapAtom(XElement entry, Platform platform, string feedUrl, string raw)
    {
        var feed = entry.Parent!;
        var id = Value(entry.Element(YouTube + "videoId")) ?? Value(entry.Element(Atom + "id"))
            ?? throw new ItemFormatException("entry has no id");
        var published = Value(entry.Element(Atom + "published"));
        var updated = Value(entry.Element(Atom + "updated"));
        var created = FeedDates.Parse(published ?? updated)
            ?? throw new ItemFormatException(published is null && updated is null
                ? "entry has neither published nor updated"
                : $"entry date is not an RFC 3339 date: '{JsonFields.Shorten(published ?? updated!)}'");
        var edited = FeedDates.Parse(updated) is { } u && u > created ? u : (DateTimeOffset?)null;
        var group = entry.Element(MediaRss + "group");
        var html = ContentText(entry.Element(Atom + "content")) ?? ContentText(entry.Element(Atom + "summary"));
        var body = group?.Element(MediaRss + "description") is { } description ? description.Value : HtmlText.ToText(html);
        var title = Value(entry.Element(Atom + "title"));
        var text = Join(title, body);
        var author = entry.Element(Atom + "author") ?? feed.Element(Atom + "author");
        var images = HtmlText.Images(html);
        var language = (string?)entry.Attribute(XNamespace.Xml + "lang") ?? (string?)feed.Attribute(XNamespace.Xml + "lang");

        return new FetchedPost
        {
            Platform = platform,
            PlatformPostId = id,
            AccountPlatformId = Value(entry.Element(YouTube + "channelId")) ?? Value(feed.Element(YouTube + "channelId")) ?? feedUrl,
            AccountHandle = Value(author?.Element(Atom + "name")) ?? Value(feed.Element(Atom + "title")) ?? feedUrl,
            CreatedAt = created,
            EditedAt = edited,
            Text = text,
            Language = LanguageCodes.Normalise(language),
            Url = Link(entry, "alternate"),
            Hashtags = entry.Elements(Atom + "category").Select(c => (string?)c.Attribute("term")).OfType<string>()
                .Concat(HashtagsIn(text)).Distinct(StringComparer.Ordinal).ToList(),
            MediaDescriptions = images.Select(i => i.Alt).OfType<string>().ToList(),
            MediaUrls = entry.Elements(Atom + "link").Where(l => (string?)l.Attribute("rel") == "enclosure").Select(l => (string?)l.Attribute("href"))
                .Concat(group?.Elements(MediaRss + "thumbnail").Select(t => (string?)t.Attribute("url")) ?? [])
                .Concat(images.Select(i => i.Url))
                .OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
            RawPayload = raw,
        };
    }

    // A guid such as "1482" is unique only within its feed; the feed address makes it unique among all feeds.
    private static string RssId(string id, string feedUrl) =>
        Uri.TryCreate(id, UriKind.Absolute, out _) ? id : $"{feedUrl}#{id}";

    /// <summary>Changes when the item's id, dates or words change, so an edited item is read again.</summary>
    public static string Key(FetchedPost post) => Hash($"{post.PlatformPostId}\n{post.CreatedAt:O}\n{post.EditedAt:O}\n{post.Text}");

    public static string Hash(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 12);

    // Atom text constructs: type="html" is escaped HTML, "xhtml" is inline markup, "text" (default) is plain.
    private static string? ContentText(XElement? element) => element is null
        ? null
        : (string?)element.Attribute("type") switch
        {
            "html" => element.Value,
            "xhtml" => string.Concat(element.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting))),
            _ => System.Net.WebUtility.HtmlEncode(element.Value),
        };

    private static string? Link(XElement entry, string rel) =>
        entry.Elements(Atom + "link").FirstOrDefault(l => ((string?)l.Attribute("rel") ?? "alternate") == rel) is { } link
            ? (string?)link.Attribute("href")
            : null;

    private static string? Value(XElement? element) => element?.Value.Trim() is { Length: > 0 } value ? value : null;

    private static string Join(string? title, string? body) =>
        string.Join("\n", new[] { title, body }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));

    private static IEnumerable<string> HashtagsIn(string text) => HashtagPattern().Matches(text).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"(?<![\w#])#(\w{2,})", RegexOptions.CultureInvariant)]
    private static partial Regex HashtagPattern();
}
