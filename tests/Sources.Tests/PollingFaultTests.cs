using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Ports;
using SocialWatch.Storage.Sqlite;
using SocialWatch.Testing;

namespace SocialWatch.Sources.Tests;

/// <summary>
/// A polling round over several accounts, through the real connector and a real SQLite file, while some accounts'
/// servers misbehave: the round goes on, each failure is recorded where it belongs, nothing is lost or duplicated.
/// </summary>
public sealed class PollingFaultTests
{
    private const string Healthy = "110000000000000001", Flaky = "110000000000000002", Gone = "110000000000000003", Garbled = "110000000000000004";

    [Fact]
    public async Task One_round_survives_500s_a_vanished_account_and_a_garbled_page_and_the_next_round_catches_up()
    {
        var created = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var flakyDown = true;
        await using var server = await ReplayServer.StartAsync(context =>
        {
            var account = context.Request.Path.Value!.Split('/')[4];
            string Statuses(params string[] ids) => "[" + string.Join(",", ids.Select(id => MastodonSourceTests.Status(id, $"Info layanan {id[^2..]}.", created))) + "]";
            return account switch
            {
                Healthy => Reply.Json(context, Statuses("113000000000000012", "113000000000000011")),
                Flaky when flakyDown => Reply.Json(context, """{"error":"internal"}""", 500),
                Flaky => Reply.Json(context, Statuses("113000000000000021")),
                Gone => Reply.Json(context, """{"error":"Record not found"}""", 404),
                _ => Reply.Json(context, "[{\"id\": \"113000000000000041\", \"content\": "),
            };
        });
        var settings = SourcesHarness.Settings(server);
        settings["Ingestion:Platforms:Mastodon:Jitter"] = "00:00:00";
        await using var database = await TempDatabase.CreateAsync(settings: settings);
        await database.Get<IAgencyRepository>().AddAsync("KOTAMAJU", "Pemerintah Kota Maju");
        var accounts = database.Get<IAccountRepository>();
        foreach (var (id, n) in new[] { (Healthy, 1), (Flaky, 2), (Gone, 3), (Garbled, 4) })
        {
            await database.Get<IStaffRepository>().AddAsync(new NewStaffMember(SampleRegistry.Nip(n), $"Pegawai {n}", null, "KOTAMAJU"));
            await accounts.AddAsync(new NewAccount(Platform.Mastodon, $"pegawai{n}", SampleRegistry.Nip(n), id));
        }

        var first = await RoundAsync(database);

        Assert.Equal(PollStatus.Succeeded, first.Results[Healthy].Status);
        Assert.Equal(PollStatus.Failed, first.Results[Flaky].Status);
        Assert.Equal(PollStatus.NeedsAttention, first.Results[Gone].Status);
        Assert.Equal(PollStatus.Succeeded, first.Results[Garbled].Status);
        Assert.Equal((2, 1), (first.Totals.Inserted, first.Totals.Quarantined));
        var flaky = (await accounts.FindAsync(Platform.Mastodon, "pegawai2"))!;
        Assert.Equal((null, 1), (flaky.Cursor, flaky.ConsecutiveFailures));
        Assert.NotNull(flaky.LastError);
        var gone = (await accounts.FindAsync(Platform.Mastodon, "pegawai3"))!;
        Assert.Equal(AccountStatus.NeedsAttention, gone.Status);
        Assert.Contains("404", gone.LastError?.ToString(), StringComparison.Ordinal);
        Assert.Equal("{0} not found (HTTP 404){1}", gone.LastError!.Template); // stored as a template the console translates
        Assert.Null((await accounts.FindAsync(Platform.Mastodon, "pegawai4"))!.Cursor); // the garbled page moved nothing
        await using (var connection = await database.Get<SqliteConnectionFactory>().OpenAsync(default))
        {
            var reason = await connection.ExecuteScalarAsync<string>("SELECT reason FROM quarantine");
            Assert.Contains("not valid JSON", reason, StringComparison.Ordinal);
        }

        flakyDown = false;
        var second = await RoundAsync(database);

        Assert.Equal(PollStatus.Succeeded, second.Results[Flaky].Status);
        Assert.False(second.Results.ContainsKey(Gone)); // needs attention: no longer polled until an admin acts
        Assert.Equal((1, 0), (second.Totals.Inserted, second.Totals.NewVersions));
        await using (var connection = await database.Get<SqliteConnectionFactory>().OpenAsync(default))
        {
            Assert.Equal(3, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM posts"));
        }
        Assert.Equal(0, (await accounts.FindAsync(Platform.Mastodon, "pegawai2"))!.ConsecutiveFailures);
    }

    private static async Task<(Dictionary<string, PollResult> Results, IngestionTotals Totals)> RoundAsync(TempDatabase database)
    {
        var accounts = database.Get<IAccountRepository>();
        var due = new List<WatchedAccount>();
        for (var n = 1; n <= 4; n++)
        {
            var account = (await accounts.FindAsync(Platform.Mastodon, $"pegawai{n}"))!;
            if (account.Status == AccountStatus.Active)
            {
                due.Add(account);
            }
        }
        var totals = new IngestionTotals();
        await using var scope = database.Services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<PollingService>().PollAsync(due, totals, onPolled: null, CancellationToken.None);
        return (results.ToDictionary(r => due.Single(a => a.Id == r.AccountId).PlatformAccountId!), totals);
    }
}
