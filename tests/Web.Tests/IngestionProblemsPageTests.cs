using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>Posts ingestion could not finish are shown to admins and auditors: a notice on the dashboard and their own page.</summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class IngestionProblemsPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Admins_see_classification_failures_and_quarantine_and_officers_do_not()
    {
        var accountId = await fixture.AccountOfAgencyAAsync();
        var at = DateTimeOffset.UtcNow;
        await fixture.Database.Get<IIngestionStore>().StoreAsync(
            [new IngestItem(accountId, SamplePosts.Fetched("gagal-" + Guid.NewGuid().ToString("N"), "pilih nomor 0️⃣ ya"), null,
                Failure: new ClassificationFailure("lr-1.uji", "System.Collections.Generic.KeyNotFoundException: kunci <0> tidak ada"))], at);
        await fixture.Database.Get<IPostRepository>().QuarantineAsync(Platform.Mastodon, accountId, """{"id": "<rusak>" """, "not valid JSON", at);

        using var admin = await fixture.SignedInAsync("admin");
        using var officer = await fixture.SignedInAsync("officer-a");
        var adminDashboard = await admin.GetStringAsync("/");
        var officerDashboard = await officer.GetStringAsync("/");
        var page = await admin.GetStringAsync("/admin/ingestion");

        Assert.Contains("id=\"ingestion-problems\"", adminDashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"ingestion-problems\"", officerDashboard, StringComparison.Ordinal);
        Assert.Contains("KeyNotFoundException: kunci &lt;0&gt; tidak ada", page, StringComparison.Ordinal);
        Assert.Contains("lr-1.uji", page, StringComparison.Ordinal);
        Assert.Contains("{&quot;id&quot;: &quot;&lt;rusak&gt;&quot;", page, StringComparison.Ordinal);
        Assert.Contains("Masalah ingest", page, StringComparison.Ordinal);
    }
}
