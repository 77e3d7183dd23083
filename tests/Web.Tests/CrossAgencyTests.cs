using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Web.Tests;

/// <summary>An officer of agency A edits ids in URLs and forms to reach agency B's flags, and gets nothing.</summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class CrossAgencyTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Another_agencys_flag_is_not_found_through_any_route()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        var b = fixture.FlagB.ToString(CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/flags/{b}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/flags/{b}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/flags/{fixture.ConfirmedB}/report")).StatusCode);

        foreach (var handler in new[] { "Confirm", "Dismiss", "Escalate", "Note", "Assign" })
        {
            var response = await ConsoleFixture.PostFormAsync(officer, "/queue", $"/flags/{b}?handler={handler}",
                new() { ["category"] = "OnlineCampaign", ["reason"] = "mencoba flag instansi lain" });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var assign = await ConsoleFixture.PostFormAsync(officer, "/queue", $"/queue?handler=Assign&id={b}", []);
        Assert.Equal(HttpStatusCode.NotFound, assign.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/flags/{b}/decisions")
        {
            Content = JsonContent.Create(new { kind = "Dismiss", reason = "mencoba lewat API" }),
        };
        request.Headers.Add("X-CSRF-TOKEN", await ConsoleFixture.ApiTokenAsync(officer));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.SendAsync(request)).StatusCode);

        var flagB = (await fixture.Database.Get<IFlagRepository>().GetDetailAsync(fixture.FlagB))!;
        Assert.Equal(FlagStatus.Open, flagB.Flag.Status);
        Assert.Null(flagB.Flag.AssigneeUserId);
        Assert.Empty(flagB.History);
    }

    [Fact]
    public async Task Filtering_the_queue_by_another_agency_shows_nothing_of_it()
    {
        using var officer = await fixture.SignedInAsync("officer-a");

        var json = await officer.GetFromJsonAsync<JsonElement>($"/api/flags?status=all&agency={fixture.AgencyB.Id}");
        Assert.Equal(0, json.GetProperty("totalCount").GetInt32());

        var all = await officer.GetFromJsonAsync<JsonElement>("/api/flags?status=all&pageSize=500");
        Assert.All(all.GetProperty("items").EnumerateArray(), row => Assert.Equal(fixture.AgencyA.Id, row.GetProperty("agencyId").GetInt64()));
        Assert.Contains(all.GetProperty("items").EnumerateArray(), row => row.GetProperty("id").GetInt64() == fixture.FlagA);

        var page = await officer.GetStringAsync($"/queue?status=all&agency={fixture.AgencyB.Id}");
        Assert.DoesNotContain($"/flags/{fixture.FlagB}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("DESASEJAHTERA", await officer.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_and_auditors_see_every_agency_but_cannot_decide()
    {
        foreach (var role in new[] { "admin", "auditor" })
        {
            using var client = await fixture.SignedInAsync(role);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/flags/{fixture.FlagB}")).StatusCode);
            var response = await ConsoleFixture.PostFormAsync(client, "/queue", $"/flags/{fixture.FlagB}?handler=Dismiss", new() { ["reason"] = "bukan peran saya" });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(FlagStatus.Open, (await fixture.Database.Get<IFlagRepository>().GetDetailAsync(fixture.FlagB))!.Flag.Status);
    }
}
