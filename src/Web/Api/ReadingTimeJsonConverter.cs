using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SocialWatch.Core.Domain;

namespace SocialWatch.Web.Api;

/// <summary>
/// Writes every time in the API's JSON as ISO 8601 in the readers' time zone, with its offset
/// (<c>2024-12-03T03:43:00.000+07:00</c>): the same wall clock the console shows, and still exact for scripts.
/// </summary>
internal sealed class ReadingTimeJsonConverter(ReadingTimeZone zone) : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(zone.ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
    }
}
