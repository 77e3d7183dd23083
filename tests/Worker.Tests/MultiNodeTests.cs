using System.Collections.Concurrent;
using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Http;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Notifications.Tests;
using SocialWatch.Sources.Tests;
using SocialWatch.Storage;
using SocialWatch.Testing;

namespace SocialWatch.Worker.Tests;

/// <summary>
/// Three real Worker processes over one real PostgreSQL, polling 300 Mastodon accounts on a loopback server that
/// publishes one status per account per round, and mailing the digest through a real SMTP server (aiosmtpd).
/// The polling interval is an hour: the test starts each round by ageing every account's last poll by the interval,
/// so a second poll of an account within a round can only come from two nodes holding it at once.
/// </summary>
public sealed class MultiNodeTests
{
    private const int Accounts = 300;
    private const int Rounds = 4;
    private const int KillRound = 3;
    private const string FlagText = "Ayo coblos paslon nomor 2 di TPS, menangkan Bu Ratna jadi bupati!";
    private const string PlainText = "Info layanan: posyandu lansia dibuka hari Rabu pukul 08.00 WIB di balai warga.";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private static readonly string[] Officers = ["siti", "budi", "wayan"];

    /// <summary>A request for an account's statuses, with the round the server was serving when it arrived.</summary>
    private sealed record StatusesRequest(int Account, int Round, bool MinId, bool MaxId, DateTimeOffset At);

    [SkippableFact]
    public async Task Three_nodes_poll_each_account_once_per_round_survive_a_SIGKILL_and_send_one_digest_per_officer()
    {
        DatabaseEngines.SkipUnlessAvailable(DatabaseEngine.Postgres);
        var started = DateTimeOffset.UtcNow;
        var round = 1;
        var requests = new ConcurrentQueue<StatusesRequest>();
        await using var platform = await ReplayServer.StartAsync(context => Statuses(context, Volatile.Read(ref round), started, requests));
        using var smtp = new SmtpSink();
        await smtp.StartAsync();
        await using var database = await TempDatabase.CreateAsync(DatabaseEngine.Postgres);
        await RegisterAsync(database);

        var nodes = Enumerable.Range(0, 3).Select(_ => StartNode(database, platform, smtp)).ToList();
        try
        {
            for (; round <= Rounds; Volatile.Write(ref round, round + 1))
            {
                if (round > 1)
                {
                    await AgeLastPollsAsync(database);
                }
                if (round == KillRound)
                {
                    var victim = nodes[1];
                    var orphaned = await KillWhileHoldingLeasesAsync(database, victim);
                    await WaitForRoundAsync(database, round);
                    AssertTakenOver(requests, round, orphaned);
                    AssertPolledOnce(requests, round, except: orphaned.Keys);
                    continue;
                }
                await WaitForRoundAsync(database, round);
                AssertPolledOnce(requests, round, except: []);
            }

            await AssertTotalsAsync(database);
            await WaitForAsync(() => smtp.Messages.Count >= Officers.Length, "a digest for every officer");
            // Further digest runs on the surviving nodes find today's digests already built.
            var survivors = nodes.Where((_, i) => i != 1).ToList();
            await WaitForAsync(() => survivors.Sum(n => CountOf(n.Output, "Digest run: 0 digest(s) stored")) >= 4, "repeated digest runs");
            var mails = smtp.Messages;
            Assert.Equal(Officers.Length, mails.Count);
            Assert.Equal(Officers.Select(o => $"{o}@kotamaju.example").Order(), mails.Select(m => m.RcptTos.Single()).Order());
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    /// <summary>
    /// Mastodon's statuses endpoint (platform-apis.md §1): each account has one status per round so far, newest first;
    /// <c>min_id</c> returns the newer ones, <c>max_id</c> the older ones.
    /// </summary>
    private static Task Statuses(HttpContext context, int round, DateTimeOffset started, ConcurrentQueue<StatusesRequest> requests)
    {
        var segments = context.Request.Path.Value!.Split('/');
        if (segments is not [_, "api", "v1", "accounts", var id, "statuses"])
        {
            return Reply.Json(context, """{"error":"Record not found"}""", 404);
        }
        var account = int.Parse(id[^9..], CultureInfo.InvariantCulture);
        var minId = context.Request.Query["min_id"].FirstOrDefault();
        var maxId = context.Request.Query["max_id"].FirstOrDefault();
        requests.Enqueue(new StatusesRequest(account, round, minId is not null, maxId is not null, DateTimeOffset.UtcNow));
        var statuses = Enumerable.Range(1, round).Reverse()
            .Select(r => (Id: PostId(account, r), Round: r))
            .Where(s => (minId is null || string.CompareOrdinal(s.Id, minId) > 0) && (maxId is null || string.CompareOrdinal(s.Id, maxId) < 0))
            .Select(s => Status(account, s.Id, IsFlagWorthy(account, s.Round) ? FlagText : PlainText, started.AddMinutes(s.Round - 10)));
        return Reply.Json(context, "[" + string.Join(",", statuses) + "]");
    }

    private static string AccountId(int account) => $"110{account:000000000000000}";

    // Same length for every account and round, so the ids order as numbers; a later round's id is higher.
    private static string PostId(int account, int round) => $"113{round:000000}{account:000000000}";

    private static bool IsFlagWorthy(int account, int round) => (account + round) % 3 == 0;

    private static string Status(int account, string id, string text, DateTimeOffset created) => $$"""
        {"id":"{{id}}","created_at":"{{created.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","in_reply_to_id":null,"sensitive":false,
         "spoiler_text":"","visibility":"public","language":"id","uri":"https://sosial.kotamaju.example/users/pegawai{{account}}/statuses/{{id}}",
         "url":"https://sosial.kotamaju.example/@pegawai{{account}}/{{id}}","edited_at":null,"content":"<p>{{text}}</p>","reblog":null,
         "account":{"id":"{{AccountId(account)}}","username":"pegawai{{account}}","acct":"pegawai{{account}}"},
         "media_attachments":[],"mentions":[],"tags":[],"emojis":[],"card":null,"poll":null}
        """;

    private static async Task RegisterAsync(TempDatabase database)
    {
        var agency = await database.Get<IAgencyRepository>().AddAsync("KOTAMAJU", "Pemerintah Kota Maju");
        var staff = database.Get<IStaffRepository>();
        for (var n = 1; n <= Accounts; n++)
        {
            await staff.AddAsync(new NewStaffMember(SampleRegistry.Nip(n), $"Pegawai {n}", null, agency.Code));
        }
        await database.Get<IAccountRepository>().AddRangeAsync(
            [.. Enumerable.Range(1, Accounts).Select(n => new NewAccount(Platform.Mastodon, $"pegawai{n}", SampleRegistry.Nip(n), AccountId(n)))]);
        foreach (var officer in Officers)
        {
            await database.Get<IUserRepository>().AddAsync(officer, officer, $"{officer}@kotamaju.example", Role.Officer, "x", [agency.Id], DateTimeOffset.UtcNow);
        }
    }

    private static WorkerProcess StartNode(TempDatabase database, ReplayServer platform, SmtpSink smtp) =>
        WorkerProcess.Start(database.DataDirectory,
            "--Storage:Provider=postgres", $"--Storage:ConnectionString={database.Configuration["Storage:ConnectionString"]}",
            "--Samples:Enabled=false", "--DropFolder:Enabled=false",
            $"--Sources:Mastodon:BaseUrl={platform.BaseUrl.AbsoluteUri}", "--Sources:Mastodon:ResolveHomeInstance=false",
            $"--Ingestion:Platforms:Mastodon:Interval={Interval}", "--Ingestion:Platforms:Mastodon:Jitter=00:00:00",
            "--Ingestion:Platforms:Mastodon:BatchSize=10", "--Ingestion:Platforms:Mastodon:MaxConcurrency=4",
            // Small batches and a lease long enough for one on a loaded 2-core CI machine (a lease running out mid-batch is a
            // second poll: seen with 40 accounts and 6 s on a cold first round), still short for the takeover.
            "--Ingestion:LeaseDuration=00:00:15", "--Jobs:PollCheckInterval=00:00:01",
            "--Digest:Cron=*/2 * * * * ?", "--Mail:Host=127.0.0.1", $"--Mail:Port={smtp.Port}", "--Mail:StartTls=false",
            "--Mail:DeliveryInterval=00:00:01");

    /// <summary>Makes every account due again, as if the polling interval had passed since its last poll.</summary>
    private static async Task AgeLastPollsAsync(TempDatabase database)
    {
        await using var connection = await database.Get<DbConnectionFactory>().OpenAsync(default);
        await connection.ExecuteAsync("UPDATE accounts SET last_polled_at = last_polled_at - @Interval WHERE last_polled_at IS NOT NULL",
            new { Interval = (long)Interval.TotalMilliseconds });
    }

    /// <summary>
    /// Waits until the round is under way and the victim holds leases on accounts it has not finished, SIGKILLs it,
    /// and returns those accounts (by number) with the moment their lease runs out.
    /// </summary>
    private static async Task<Dictionary<int, DateTimeOffset>> KillWhileHoldingLeasesAsync(TempDatabase database, WorkerProcess victim)
    {
        var owner = $"{Environment.MachineName}:{victim.Id}";
        await using var connection = await database.Get<DbConnectionFactory>().OpenAsync(default);
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var done = await CountDoneAsync(database, KillRound);
            var held = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts WHERE lease_owner = @Owner", new { Owner = owner });
            if (done > 0 && held >= 10)
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the victim never held leases mid-round ({done} done, {held} held)\n{victim.Output}");
            await Task.Delay(10);
        }
        victim.Kill();
        var orphaned = (await connection.QueryAsync<(string Id, long Expires)>(
            "SELECT platform_account_id, lease_expires_at FROM accounts WHERE lease_owner = @Owner", new { Owner = owner }))
            .ToDictionary(a => int.Parse(a.Id[^9..], CultureInfo.InvariantCulture), a => DateTimeOffset.FromUnixTimeMilliseconds(a.Expires));
        Assert.NotEmpty(orphaned);
        return orphaned;
    }

    private static async Task<int> CountDoneAsync(TempDatabase database, int round)
    {
        await using var connection = await database.Get<DbConnectionFactory>().OpenAsync(default);
        var cursors = await connection.QueryAsync<(string Id, string? Cursor)>("SELECT platform_account_id, cursor FROM accounts");
        return cursors.Count(a => a.Cursor == PostId(int.Parse(a.Id[^9..], CultureInfo.InvariantCulture), round));
    }

    private static async Task WaitForRoundAsync(TempDatabase database, int round)
    {
        var deadline = DateTime.UtcNow + Patience;
        int done;
        while ((done = await CountDoneAsync(database, round)) < Accounts)
        {
            Assert.True(DateTime.UtcNow < deadline, $"round {round}: only {done} of {Accounts} accounts polled");
            await Task.Delay(100);
        }
    }

    /// <summary>Each poll asks once for the page without min_id/max_id: the first page on the first poll, the live window later.</summary>
    private static Dictionary<int, int> PollsIn(IEnumerable<StatusesRequest> requests, int round) => requests
        .Where(r => r.Round == round && !r.MinId && !r.MaxId)
        .GroupBy(r => r.Account)
        .ToDictionary(g => g.Key, g => g.Count());

    private static void AssertPolledOnce(IEnumerable<StatusesRequest> requests, int round, IEnumerable<int> except)
    {
        var polls = PollsIn(requests, round);
        var excepted = except.ToHashSet();
        var wrong = Enumerable.Range(1, Accounts).Where(a => !excepted.Contains(a) && polls.GetValueOrDefault(a) != 1)
            .Select(a => $"account {a}: {polls.GetValueOrDefault(a)} polls").ToList();
        Assert.True(wrong.Count == 0, $"round {round}, {wrong.Count} accounts: " + string.Join(", ", wrong.Take(20)));
    }

    /// <summary>Every account the victim held was polled again, by another node, once its lease had run out.</summary>
    private static void AssertTakenOver(IEnumerable<StatusesRequest> requests, int round, Dictionary<int, DateTimeOffset> orphaned)
    {
        var list = requests.Where(r => r.Round == round).ToList();
        foreach (var (account, expires) in orphaned)
        {
            Assert.Contains(list, r => r.Account == account && r.At >= expires);
        }
    }

    private static async Task AssertTotalsAsync(TempDatabase database)
    {
        var expectedFlags = Enumerable.Range(1, Accounts).Sum(a => Enumerable.Range(1, Rounds).Count(r => IsFlagWorthy(a, r)));
        await using var connection = await database.Get<DbConnectionFactory>().OpenAsync(default);
        var posts = await connection.QuerySingleAsync<(long Rows, long Distinct)>("SELECT count(*), count(DISTINCT platform_post_id) FROM posts");
        var versions = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM post_versions");
        var classifications = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM classifications");
        var flags = await connection.QuerySingleAsync<(long Rows, long Distinct)>("SELECT count(*), count(DISTINCT post_id) FROM flags");
        var flaggedTexts = (await connection.QueryAsync<string>(
            "SELECT DISTINCT v.text FROM flags f JOIN post_versions v ON v.post_id = f.post_id")).ToList();

        Assert.Equal((Accounts * Rounds, Accounts * Rounds), posts);
        Assert.Equal(Accounts * Rounds, versions);
        Assert.Equal(Accounts * Rounds, classifications);
        Assert.Equal((expectedFlags, expectedFlags), flags);
        Assert.Equal([FlagText], flaggedTexts);
    }

    private static int CountOf(string text, string value) => text.Split(value).Length - 1;

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }
}
