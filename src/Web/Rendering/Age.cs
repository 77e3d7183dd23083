using Microsoft.Extensions.Localization;

namespace SocialWatch.Web.Rendering;

/// <summary>How long ago something happened, as a queue reads it at a glance: "3 hari", "5 jam", "12 menit".</summary>
public static class Age
{
    public static string Of(DateTimeOffset at, DateTimeOffset now, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var age = now - at;
        return age.TotalDays >= 1 ? text["{0} days", (int)age.TotalDays]
            : age.TotalHours >= 1 ? text["{0} hours", (int)age.TotalHours]
            : text["{0} minutes", Math.Max(0, (int)age.TotalMinutes)];
    }
}
