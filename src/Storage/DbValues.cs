using System.Text.Json;

namespace SocialWatch.Storage;

/// <summary>How values are laid out in SQLite columns: times as Unix milliseconds (UTC), lists as JSON text.</summary>
internal static class DbValues
{
    public static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? ToUnixMs(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset? FromUnixMs(long? value) => value is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    // Most posts have no hashtags, mentions or media: skip the serializer for them (ingestion's hot path).
    public static string ToJsonList(IReadOnlyList<string> values) => values.Count == 0 ? "[]" : JsonSerializer.Serialize(values);

    public static IReadOnlyList<string> FromJsonList(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];
}
