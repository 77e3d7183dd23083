using System.Globalization;

namespace SocialWatch.Web.Rendering;

/// <summary>How the console writes scores. Times are written by <see cref="Core.Domain.ReadingTimeZone"/> (injected into every view as <c>Times</c>).</summary>
public static class Format
{
    public static string Score(double score) => score.ToString("0.000", CultureInfo.InvariantCulture);
}
