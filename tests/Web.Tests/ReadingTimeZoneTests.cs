using System.Globalization;
using System.Text.Json;
using SocialWatch.Core.Domain;

namespace SocialWatch.Web.Tests;

/// <summary>One time zone for people (Digest:TimeZone, Asia/Jakarta here): the chart's days, the pages and the API's JSON.</summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class ReadingTimeZoneTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_flag_at_03_43_wib_is_on_that_wib_day_in_the_chart_the_page_and_the_json()
    {
        var zone = ReadingTimeZone.Jakarta;
        var today = zone.Day(DateTimeOffset.UtcNow.AddHours(-4)); // a day whose 03:43 WIB has passed
        var flaggedAt = zone.StartOf(today).AddHours(3).AddMinutes(43); // the day before in UTC
        Assert.Equal(today.AddDays(-1), DateOnly.FromDateTime(flaggedAt.UtcDateTime));
        var id = await fixture.AddFlagAsync(await fixture.AccountOfAgencyAAsync(), "Coblos nomor 2 ya", Label.Endorse, flaggedAt: flaggedAt);

        using var admin = await fixture.SignedInAsync("admin");
        using var dashboard = JsonDocument.Parse(await admin.GetStringAsync("/api/dashboard"));
        using var flag = JsonDocument.Parse(await admin.GetStringAsync($"/api/flags/{id}"));
        var page = await admin.GetStringAsync($"/flags/{id}");

        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains(dashboard.RootElement.GetProperty("perDay").EnumerateArray(),
            p => p.GetProperty("day").GetString() == day && p.GetProperty("label").GetString() == "endorse");
        Assert.Equal(day + "T03:43:00.000+07:00", flag.RootElement.GetProperty("flag").GetProperty("createdAt").GetString());
        Assert.Contains(day + " 03:43 WIB", page, StringComparison.Ordinal);
    }
}
