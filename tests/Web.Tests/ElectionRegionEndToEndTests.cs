using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialWatch.Classifier;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>
/// Issue 15 end to end in the real host with the shipped contest files: a post of an account whose agency serves
/// Jawa Barat is imported from an export file (the registry, not the file, knows the region) on the Pilkada's voting day; its bare ballot number is explained
/// with the Jawa Barat pair (not a presidential one, not "which one: not named"), the flag is recorded against that
/// contest's voting day, and the queue finds it by contest and phase and marks it as a day without campaigning.
/// </summary>
public sealed class ElectionRegionEndToEndTests(ContestConsole console) : IClassFixture<ContestConsole>
{
    /// <summary>
    /// The real classifier's reading (lexicon, region, explanation) with its verdict forced to a flag: whether the
    /// shipped model flags this wording is the model's business and changes with every retrain, not this test's.
    /// </summary>
    private sealed class FlaggingClassifier(IPostClassifier inner) : IPostClassifier
    {
        public string ModelVersion => inner.ModelVersion;

        public ClassificationResult Classify(string text, string? regionCode) =>
            inner.Classify(text, regionCode) with { Label = Label.Endorse, IsFlag = true };
    }

    [Fact]
    public async Task A_voting_day_post_is_read_against_its_agencys_region_recorded_and_marked_in_the_queue()
    {
        await using var host = console.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.Replace(ServiceDescriptor.Singleton<IPostClassifier>(sp => new FlaggingClassifier(sp.GetRequiredService<PostClassifier>())))));
        await SampleRegistry.AddAccountAsync(console.Database, "PEMPROV-JABAR", 11, handle: "rina@jabar.example");
        await console.Database.Get<IAgencyRepository>().SetRegionAsync("PEMPROV-JABAR", "32");
        await SampleRegistry.AddAccountAsync(console.Database, "BKN-PUSAT", 12, handle: "budi@pusat.example");
        const string Text = "Pilkada serentak hari ini! Ayo ke TPS, coblos nomor 2, dukung paslon kita";
        // Posted at 09:00 WIB on 27 Nov 2024, the vote day of Pilkada 2024; the export names no region: the registry does.
        string Line(string id, string handle) =>
            $$$"""{"schema":"posts.v1","platform":"mastodon","platform_post_id":"{{{id}}}","account":{"handle":"{{{handle}}}"},"created_at":"2024-11-27T09:00:00+07:00","text":"{{{Text}}}","source":{"tool":"manual","exported_at":"2024-11-27T10:00:00+07:00"}}""";
        using var folder = new TempDirectory();
        await File.WriteAllLinesAsync(folder.File("export.jsonl"), [Line("jabar-1", "rina@jabar.example"), Line("pusat-1", "budi@pusat.example")]);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var summary = await scope.ServiceProvider.GetRequiredService<FileImportService>().ImportAsync(folder.File("export.jsonl"), default);
            Assert.Empty(summary.Rejected);
        }
        var flags = console.Database.Get<IFlagRepository>();
        var listed = (await flags.QueryAsync(new FlagQuery { PageSize = 10 })).Items;
        var region = (await flags.GetDetailAsync(Assert.Single(listed, f => f.AccountHandle == "rina@jabar.example").Flag.Id))!;
        var unknown = (await flags.GetDetailAsync(Assert.Single(listed, f => f.AccountHandle == "budi@pusat.example").Flag.Id))!;

        // The region settles the number; without it the explanation says the contest is not named.
        var number = Assert.Single(region.Classification.Signals, s => s.Kind == "entity" && s.Entity!.StartsWith("nomor urut 2", StringComparison.Ordinal));
        Assert.Contains("Jeje Wiradinata – Ronal Surapradja", number.Entity!, StringComparison.Ordinal);
        Assert.Contains("Pilkada 2024 Jawa Barat", number.Entity!, StringComparison.Ordinal);
        var unsettled = Assert.Single(unknown.Classification.Signals, s => s.Kind == "entity" && s.Entity!.StartsWith("nomor urut 2", StringComparison.Ordinal));
        Assert.Contains("of a regional contest (which one: not named)", unsettled.Entity!, StringComparison.Ordinal);
        Assert.DoesNotContain("Prabowo", unsettled.Entity!, StringComparison.Ordinal);

        // Recorded against the region's contest on its vote day; the flag without a region names no contest.
        Assert.Equal((ElectionPhaseKind.VotingDay, "pilkada-2024-jawa-barat:voting_day"), (region.Flag.Election!.Phase, region.Flag.Election.ContestsCode));
        Assert.True(region.Flag.Election.OnNoCampaignDay);
        Assert.Null(unknown.Flag.Election?.Phase);
        Assert.Empty(unknown.Flag.Election?.Contests ?? []);

        using var admin = await console.ClientAsync("admin");
        using var queue = await admin.GetAsync("/queue?status=all&contest=pilkada-2024-jawa-barat&phase=voting_day");
        var page = await queue.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        var row = page[page.IndexOf($"data-href=\"/flags/{region.Flag.Id}?", StringComparison.Ordinal)..];
        Assert.Contains("kampanye dilarang (masa tenang / hari pemungutan suara)", row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.DoesNotContain($"data-href=\"/flags/{unknown.Flag.Id}?", page, StringComparison.Ordinal);
    }
}
