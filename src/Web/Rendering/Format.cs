using System.Globalization;

namespace SocialWatch.Web.Rendering;

/// <summary>How the console writes times and scores: Western Indonesian Time, which the agencies work in.</summary>
public static class Format
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    public static string Time(DateTimeOffset at) => at.ToOffset(Wib).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " WIB";

    public static string Time(DateTimeOffset? at) => at is { } value ? Time(value) : "—";

    public static string Score(double score) => score.ToString("0.000", CultureInfo.InvariantCulture);
}
