using System.Globalization;

namespace SocialWatch.Web.Rendering;

/// <summary>How the console writes scores and shares. Times are written by <see cref="Core.Domain.ReadingTimeZone"/> (injected into every view as <c>Times</c>).</summary>
public static class Format
{
    public static string Score(double score) => score.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A share as a whole percentage ("87%"), for the dashboard's recall and false-flag rates.</summary>
    public static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);
}
