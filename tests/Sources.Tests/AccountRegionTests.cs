using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Sources.Tests;

/// <summary>
/// A polled post is read against its account's agency region (a name two regions' candidates share is then the
/// region's own, not "ambiguous"): the region reaches the classifier through the real poller and pipeline.
/// </summary>
public sealed class AccountRegionTests
{
    [Fact]
    public async Task Posts_of_an_account_are_classified_with_its_agencys_region_code()
    {
        await using var server = await ReplayServer.StartAsync(context => Reply.Json(context, "[" +
            MastodonSourceTests.Status("113000000000000001", "Jadwal posyandu lansia hari Rabu.", "2026-12-01T01:00:00.000Z") + "]"));
        await using var database = await TempDatabase.CreateAsync(settings: SourcesHarness.Settings(server),
            configure: services => services.Replace(ServiceDescriptor.Singleton<IPostClassifier>(sp =>
                new RegionRecordingClassifier(sp.GetRequiredService<SocialWatch.Classifier.PostClassifier>()))));
        var (agency, _, _) = await SampleRegistry.AddAccountAsync(database, "PEMPROV-JABAR", platform: Platform.Mastodon, handle: "rina_asn");
        await database.Get<IAgencyRepository>().SetRegionAsync(agency.Code, "32");
        var accounts = database.Get<IAccountRepository>();
        var account = (await accounts.FindAsync(Platform.Mastodon, "rina_asn"))!;
        await accounts.RecordPollSuccessAsync(account.Id, null, "110234567890123456", DateTimeOffset.UtcNow.AddDays(-1));

        await using (var scope = database.Services.CreateAsyncScope())
        {
            var poller = scope.ServiceProvider.GetRequiredService<AccountPoller>();
            Assert.Equal(PollStatus.Succeeded, (await poller.PollAsync((await accounts.FindAsync(Platform.Mastodon, "rina_asn"))!, new IngestionTotals(), CancellationToken.None)).Status);
        }

        Assert.Equal(["32"], ((RegionRecordingClassifier)database.Get<IPostClassifier>()).Regions);
    }

    private sealed class RegionRecordingClassifier(IPostClassifier inner) : IPostClassifier
    {
        public List<string?> Regions { get; } = [];

        public string ModelVersion => inner.ModelVersion;

        public ClassificationResult Classify(string text, string? regionCode)
        {
            Regions.Add(regionCode);
            return inner.Classify(text, regionCode);
        }
    }
}
