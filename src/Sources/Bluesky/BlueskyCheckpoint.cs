using System.Text.Json;

namespace SocialWatch.Sources.Bluesky;

/// <summary>
/// The stored cursor of a Bluesky account. The author feed has no "since" parameter, so we remember the newest
/// item time seen (the watermark) and the keys of the latest items, and stop reading where they begin (platform-apis.md §2.4).
/// </summary>
internal sealed record BlueskyCheckpoint(DateTimeOffset Watermark, IReadOnlyList<string> Seen)
{
    private const int SeenKept = 200;

    public static BlueskyCheckpoint? Parse(string? cursor)
    {
        if (string.IsNullOrWhiteSpace(cursor))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BlueskyCheckpoint>(cursor);
        }
        catch (JsonException)
        {
            return null; // An unreadable checkpoint means reading from the top again; storage drops the repeats.
        }
    }

    public BlueskyCheckpoint Advance(DateTimeOffset newest, IEnumerable<string> newKeys) =>
        new(newest > Watermark ? newest : Watermark, newKeys.Concat(Seen).Distinct().Take(SeenKept).ToList());

    public string Serialize() => JsonSerializer.Serialize(this);
}
