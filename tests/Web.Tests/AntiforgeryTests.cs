using System.Net;
using System.Net.Http.Json;

namespace SocialWatch.Web.Tests;

[Collection(ConsoleTestGroup.Name)]
public sealed class AntiforgeryTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Forms_without_the_token_are_refused()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "tanpa token" });

        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync($"/flags/{fixture.FlagA}?handler=Note", form)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync("/signout", form)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en" }))).StatusCode);

        using var anonymous = fixture.Anonymous();
        var signIn = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "officer-a", ["password"] = ConsoleFixture.Password });
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsync("/signin", signIn)).StatusCode);
    }

    [Fact]
    public async Task Triage_forms_without_the_token_are_refused()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        var id = fixture.FlagA.ToString(System.Globalization.CultureInfo.InvariantCulture);
        FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync($"/flags/{id}?handler=AssignTo", Form(("assignee", "")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync("/queue?handler=Bulk", Form(("bulkAction", "note"), ("ids", id), ("reason", "tanpa token")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync("/queue?handler=SaveFilter", Form(("name", "tanpa token")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync("/queue?handler=DeleteFilter&filterId=1", Form())).StatusCode);
        Assert.DoesNotContain((await fixture.Database.Get<SocialWatch.Core.Ports.IFlagRepository>().GetDetailAsync(fixture.FlagA))!.History, h => h.Reason == "tanpa token");
    }

    [Fact]
    public async Task Api_calls_that_change_something_need_the_header_token()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        var path = $"/api/flags/{fixture.FlagA}/decisions";

        var withoutToken = await officer.PostAsJsonAsync(path, new { kind = "Note", reason = "tanpa token" });
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        using var wrongToken = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { kind = "Note", reason = "token palsu" }) };
        wrongToken.Headers.Add("X-CSRF-TOKEN", "CfDJ8-forged");
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.SendAsync(wrongToken)).StatusCode);

        using var withToken = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { kind = "Note", reason = "dengan token" }) };
        withToken.Headers.Add("X-CSRF-TOKEN", await ConsoleFixture.ApiTokenAsync(officer));
        Assert.Equal(HttpStatusCode.OK, (await officer.SendAsync(withToken)).StatusCode);
    }

    [Fact]
    public async Task Another_users_token_does_not_work()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        using var admin = await fixture.SignedInAsync("admin");
        var adminToken = await ConsoleFixture.ApiTokenAsync(admin);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/flags/{fixture.FlagA}/decisions") { Content = JsonContent.Create(new { kind = "Note", reason = "token orang lain" }) };
        request.Headers.Add("X-CSRF-TOKEN", adminToken);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.SendAsync(request)).StatusCode);
    }
}
