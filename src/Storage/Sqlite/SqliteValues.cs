using System.Text.Json;

namespace SocialWatch.Storage.Sqlite;

/// <summary>How values are laid out in SQLite columns: times as Unix milliseconds (UTC), lists as JSON text.</summary>
internal static class SqliteValues
{
    public static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? ToUnixMs(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset? FromUnixMs(long? value) => value is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public static string ToJsonList(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    public static IReadOnlyList<string> FromJsonList(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];
}
