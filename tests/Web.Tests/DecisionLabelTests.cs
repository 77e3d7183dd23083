using System.Net;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Web.Tests;

/// <summary>The decision forms carry the label the officer chose: a correction on confirm, civic or other on dismiss (training examples).</summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class DecisionLabelTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Confirm_records_a_corrected_label_and_dismiss_records_civic_or_other()
    {
        var accountId = await fixture.AccountOfAgencyAAsync();
        var corrected = await fixture.AddFlagAsync(accountId, "Calon itu gagal, jangan dipilih lagi", Label.Endorse);
        var dismissed = await fixture.AddFlagAsync(accountId, "Debat kandidat malam ini, tonton ya", Label.Campaign);
        var wrong = await fixture.AddFlagAsync(accountId, "Rapat pemilu di kecamatan", Label.Campaign);
        using var officer = await fixture.SignedInAsync("officer-a");

        var page = await officer.GetStringAsync($"/flags/{corrected}");
        await ConsoleFixture.PostFormAsync(officer, $"/flags/{corrected}", $"/flags/{corrected}?handler=Confirm",
            new() { ["category"] = "OnlineCampaign", ["reason"] = "menyerang calon", ["decisionLabel"] = "oppose" });
        await ConsoleFixture.PostFormAsync(officer, $"/flags/{dismissed}", $"/flags/{dismissed}?handler=Dismiss",
            new() { ["reason"] = "informasi pemilu", ["decisionLabel"] = "civic" });
        var refused = await ConsoleFixture.PostFormAsync(officer, $"/flags/{wrong}", $"/flags/{wrong}?handler=Dismiss",
            new() { ["reason"] = "x", ["decisionLabel"] = "endorse" });

        Assert.Contains("id=\"dismiss-label\" required", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"endorse\" selected=\"selected\">", page, StringComparison.Ordinal);
        var flags = fixture.Database.Get<IFlagRepository>();
        Assert.Equal((DecisionKind.Confirm, Label.Oppose), ((await flags.GetDetailAsync(corrected))!.History[^1].Kind, (await flags.GetDetailAsync(corrected))!.History[^1].Label!.Value));
        Assert.Equal((DecisionKind.Dismiss, Label.Civic), ((await flags.GetDetailAsync(dismissed))!.History[^1].Kind, (await flags.GetDetailAsync(dismissed))!.History[^1].Label!.Value));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(FlagStatus.Open, (await flags.GetDetailAsync(wrong))!.Flag.Status);
    }
}
