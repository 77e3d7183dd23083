using Microsoft.Extensions.Localization;

namespace SocialWatch.Web.Rendering;

/// <summary>How long ago something happened, or how long it took, as read at a glance: "3 hari", "5 jam", "12 menit".</summary>
public static class Age
{
    public static string Of(DateTimeOffset at, DateTimeOffset now, IStringLocalizer text) => Span(now - at, text);

    public static string Span(TimeSpan age, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return age.TotalDays >= 1 ? text["{0} days", (int)age.TotalDays]
            : age.TotalHours >= 1 ? text["{0} hours", (int)age.TotalHours]
            : text["{0} minutes", Math.Max(0, (int)age.TotalMinutes)];
    }
}
