namespace SocialWatch.Web.Rendering;

/// <summary>
/// Dates as an Indonesian letter writes them ("3 November 2026"), spelled here rather than through the id-ID culture
/// so a host without ICU data prints the same letter.
/// </summary>
public static class IndonesianDates
{
    private static readonly string[] Months =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    public static string Written(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";
}
