using System.Globalization;

namespace SocialWatch.Core.Domain;

/// <summary>
/// The time zone people read times in: the console, the CLI's tables and JSON, the digest. One setting for all of
/// them (<c>Digest:TimeZone</c>, default Asia/Jakarta), so a flag raised at 03:43 WIB on 3 December is on 3 December
/// in the dashboard's chart, the queue and <c>flags list</c> alike. Storage stays UTC.
/// </summary>
public sealed class ReadingTimeZone(TimeZoneInfo zone)
{
    public static ReadingTimeZone Jakarta { get; } = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta"));

    public TimeZoneInfo Zone { get; } = zone;

    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    public DateTimeOffset? ToLocal(DateTimeOffset? at) => at is { } value ? ToLocal(value) : null;

    /// <summary>The calendar day <paramref name="at"/> falls on here.</summary>
    public DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(ToLocal(at).DateTime);

    /// <summary>The instant a local calendar day begins.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    /// <summary>"2024-12-03 03:43 WIB": minutes and the zone, as a person reads it.</summary>
    public string Format(DateTimeOffset at)
    {
        var local = ToLocal(at);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + Abbreviation(local.Offset);
    }

    public string Format(DateTimeOffset? at) => at is { } value ? Format(value) : "—";

    /// <summary>Indonesia's own names for its three zones; any other zone by its offset.</summary>
    public string Abbreviation(TimeSpan offset) => (Zone.Id, offset.TotalHours) switch
    {
        (_, 7) when IsIndonesian => "WIB",
        (_, 8) when IsIndonesian => "WITA",
        (_, 9) when IsIndonesian => "WIT",
        _ when offset == TimeSpan.Zero => "UTC",
        _ => "UTC" + offset.ToString(offset < TimeSpan.Zero ? "\\-hh\\:mm" : "\\+hh\\:mm", CultureInfo.InvariantCulture),
    };

    private bool IsIndonesian => Zone.Id is "Asia/Jakarta" or "Asia/Pontianak" or "Asia/Makassar" or "Asia/Jayapura";
}
