using System.Text.Json;

namespace SocialWatch.Sources.Feeds;

/// <summary>
/// The stored cursor of a feed. Feeds have no paging: we keep the validators for a conditional GET and short keys
/// of the items already handed on (id + dates + words, so an edited item comes through again).
/// </summary>
internal sealed record FeedCheckpoint(string? ETag, string? LastModified, IReadOnlyList<string> Seen)
{
    public static FeedCheckpoint Empty { get; } = new(null, null, []);

    public static FeedCheckpoint Parse(string? cursor)
    {
        if (string.IsNullOrWhiteSpace(cursor))
        {
            return Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<FeedCheckpoint>(cursor) ?? Empty;
        }
        catch (JsonException)
        {
            return Empty; // Reading everything again is safe: storage drops the repeats.
        }
    }

    public string Serialize() => JsonSerializer.Serialize(this);
}
