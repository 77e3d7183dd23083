using System.Globalization;
using SocialWatch.Sources.Text;

namespace SocialWatch.Sources.Feeds;

/// <summary>Dates as feeds write them: RFC 822 in RSS (<c>Sun, 24 Aug 2026 08:00:00 +0700</c>), RFC 3339 in Atom.</summary>
internal static class FeedDates
{
    private static readonly string[] Rfc822Formats =
    [
        "d MMM yyyy HH:mm:ss", "d MMM yyyy HH:mm", "d MMM yy HH:mm:ss", "d MMM yy HH:mm",
    ];

    // RFC 822 zone names, plus the Indonesian ones Indonesian blogs sometimes write.
    private static readonly Dictionary<string, TimeSpan> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = TimeSpan.Zero, ["UT"] = TimeSpan.Zero, ["UTC"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero,
        ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6), ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
        ["WIB"] = TimeSpan.FromHours(7), ["WITA"] = TimeSpan.FromHours(8), ["WIT"] = TimeSpan.FromHours(9),
    };

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        return JsonFields.ParseDate(text) ?? ParseRfc822(text);
    }

    private static DateTimeOffset? ParseRfc822(string text)
    {
        // Drop the optional day name ("Sun, ").
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            text = text[(comma + 1)..].Trim();
        }

        var lastSpace = text.LastIndexOf(' ');
        if (lastSpace < 0)
        {
            return null;
        }

        var zoneText = text[(lastSpace + 1)..];
        if (!TryZone(zoneText, out var offset))
        {
            return null;
        }

        return DateTime.TryParseExact(text[..lastSpace], Rfc822Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime()
            : null;
    }

    private static bool TryZone(string zone, out TimeSpan offset)
    {
        if (Zones.TryGetValue(zone, out offset))
        {
            return true;
        }

        if (zone.Length == 5 && (zone[0] == '+' || zone[0] == '-')
            && int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            offset = new TimeSpan(hours, minutes, 0) * (zone[0] == '-' ? -1 : 1);
            return true;
        }

        return false;
    }
}
