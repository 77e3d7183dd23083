using System.Globalization;
using System.Text.Json;

namespace SocialWatch.Sources.Text;

/// <summary>An item the connector cannot map; its message is the quarantine reason.</summary>
internal sealed class ItemFormatException(string message) : Exception(message);

/// <summary>Reads the fields of a platform item, failing with a reason that names the field.</summary>
internal static class JsonFields
{
    public static JsonElement? Object(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    public static IEnumerable<JsonElement> Array(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    public static string? String(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static string RequiredString(this JsonElement element, string name, string? path = null) =>
        element.String(name) is { Length: > 0 } value
            ? value
            : throw new ItemFormatException($"missing or empty string field '{path ?? name}'");

    public static bool Bool(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public static DateTimeOffset RequiredDate(this JsonElement element, string name, string? path = null) =>
        element.OptionalDate(name, path) ?? throw new ItemFormatException($"missing date field '{path ?? name}'");

    public static DateTimeOffset? OptionalDate(this JsonElement element, string name, string? path = null)
    {
        var text = element.String(name);
        if (text is null)
        {
            return null;
        }

        return ParseDate(text) ?? throw new ItemFormatException($"field '{path ?? name}' is not an ISO 8601 date: '{Shorten(text)}'");
    }

    /// <summary>ISO 8601 / RFC 3339; a value without an offset is refused rather than guessed.</summary>
    public static DateTimeOffset? ParseDate(string text) =>
        HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToUniversalTime()
            : null;

    private static bool HasOffset(string text)
    {
        var time = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (time < 0)
        {
            return false;
        }

        var tail = text[time..];
        return tail.EndsWith('Z') || tail.EndsWith('z') || tail.LastIndexOfAny(['+', '-']) > 0;
    }

    public static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
