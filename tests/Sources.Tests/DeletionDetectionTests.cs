using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Sources.Tests;

/// <summary>The poller with the real Mastodon connector and a real SQLite file: a status that vanishes is marked deleted.</summary>
public sealed class DeletionDetectionTests
{
    [Fact]
    public async Task A_status_gone_from_the_newest_page_is_marked_deleted_and_keeps_its_evidence()
    {
        var created = DateTimeOffset.UtcNow.AddHours(-2).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var live = new List<string> { "113000000000000003", "113000000000000002", "113000000000000001" };
        await using var server = await ReplayServer.StartAsync(context =>
        {
            var minId = context.Request.Query["min_id"].FirstOrDefault();
            var page = live.Where(id => minId is null || string.CompareOrdinal(id, minId) > 0)
                .Select(id => MastodonSourceTests.Status(id, $"Kabar kelurahan nomor {id[^1..]}.", created));
            return Reply.Json(context, "[" + string.Join(",", page) + "]");
        });
        await using var database = await TempDatabase.CreateAsync(settings: SourcesHarness.Settings(server));
        await database.Get<IAgencyRepository>().AddAsync("KOTAMAJU", "Pemerintah Kota Maju");
        await database.Get<IStaffRepository>().AddAsync(new NewStaffMember(SampleRegistry.Nip(1), "Rina", "Guru", "KOTAMAJU"));
        var accounts = database.Get<IAccountRepository>();
        await accounts.AddAsync(new NewAccount(Platform.Mastodon, "rina_asn", SampleRegistry.Nip(1), "110234567890123456"));

        var first = await PollAsync(database);
        live.Remove("113000000000000002");
        var second = await PollAsync(database);

        Assert.Equal((3, 0), (first.Inserted, first.Deleted));
        Assert.Equal((0, 1), (second.Inserted, second.Deleted));
        var posts = database.Get<IPostRepository>();
        var gone = await posts.GetAsync((await posts.FindIdAsync(Platform.Mastodon, "113000000000000002")).GetValueOrDefault());
        var kept = await posts.GetAsync((await posts.FindIdAsync(Platform.Mastodon, "113000000000000003")).GetValueOrDefault());
        Assert.NotNull(gone!.DeletedAt);
        Assert.Equal("Kabar kelurahan nomor 2.", gone.Text);
        Assert.Null(kept!.DeletedAt);
    }

    private static async Task<IngestionTotals> PollAsync(TempDatabase database)
    {
        var account = (await database.Get<IAccountRepository>().FindAsync(Platform.Mastodon, "rina_asn"))!;
        var totals = new IngestionTotals();
        await using var scope = database.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountPoller>().PollAsync(account, totals, CancellationToken.None);
        Assert.Equal(PollStatus.Succeeded, result.Status);
        return totals;
    }
}
