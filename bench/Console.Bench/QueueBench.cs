using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SocialWatch.Core.Security;
using SocialWatch.Hosting;
using SocialWatch.Storage;
using SocialWatch.Testing;

namespace SocialWatch.Bench.Console;

/// <summary>
/// Measures the review queue page's server time (the Server-Timing header the console sets) over a database with
/// 1,000,000 posts and 50,000 flags. Usage: dotnet run -c Release --project bench/Console.Bench [-- sqlite|postgres [DATA_DIR]] [--bulk]
/// --bulk measures a bulk dismissal of 500 flags through the queue's form instead of the page scenarios.
/// SQLite: the database is built once into DATA_DIR (default: a folder under the temp directory) and reused.
/// PostgreSQL: a server of the bench's own (Debian's postgresql, default durability) on 127.0.0.1, built every run.
/// </summary>
internal static class QueueBench
{
    private const int Posts = 1_000_000;
    private const int FlagEvery = 20; // 50,000 flags
    private const int Agencies = 50;
    private const int StaffPerAgency = 100;
    private const int Iterations = 60;
    private const int CsvIterations = 10;
    private const int Warmup = 5;
    private const string Password = "bench password for the queue";

    private const int BulkSize = 500;
    private const int BulkRuns = 3;

    // The employee whose case file is measured: staff 2 (agency 3, one of the officer's) owns 200 of the flags; the
    // generation moves half of the posts of each of their two accounts to two more accounts of theirs on other
    // platforms, so the case file spans 4 accounts on 4 platforms. The case report covers this many of their confirmed flags.
    private const long CasePerson = 2;
    private const int CaseReportFlags = 10;

    public static async Task Main(string[] args)
    {
        var bulk = args.Contains("--bulk");
        args = [.. args.Where(a => a != "--bulk")];
        var postgres = args.Length > 0 && args[0] == "postgres";
        if (args.Length > 0 && args[0] is not ("postgres" or "sqlite"))
        {
            throw new ArgumentException($"the engine is sqlite or postgres, not '{args[0]}'");
        }
        var dataDirectory = Path.GetFullPath(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "socialwatch-console-bench"));
        // WebApplicationFactory finds the host's content root through the manifest beside this binary.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        Directory.CreateDirectory(dataDirectory);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite", ["Storage:DataDirectory"] = dataDirectory,
            ["Samples:Enabled"] = "false", ["DropFolder:Enabled"] = "false",
            // The host's information log would bury the tables.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // The generated accounts are not real: no poll may fall due while the console is measured (no traffic leaves the machine).
        foreach (var platform in new[] { "Mastodon", "Bluesky", "X", "Rss", "Youtube" })
        {
            settings[$"Ingestion:Platforms:{platform}:Interval"] = "3650.00:00:00";
        }
        var server = postgres ? PostgresServer.StartDedicated() : null;
        try
        {
            if (server is not null)
            {
                settings["Storage:Provider"] = "postgres";
                settings["Storage:ConnectionString"] = server.ConnectionString(await server.CreateSchemaAsync());
            }
            await RunAsync(settings, dataDirectory, server is not null, bulk);
        }
        finally
        {
            server?.Stop();
        }
    }

    private static async Task RunAsync(Dictionary<string, string?> settings, string dataDirectory, bool postgres, bool bulk)
    {
        var size = await EnsureDatabaseAsync(dataDirectory, settings, postgres);
        var (caseNip, reportFlags) = await CaseFileAsync(settings, dataDirectory, postgres);

        await using var factory = new BenchFactory(settings);
        if (bulk)
        {
            PrintMachine(size, postgres);
            await BulkDismissAsync(factory, settings, dataDirectory, postgres);
            return;
        }
        var scenarios = new (string Name, string User, string Path)[]
        {
            ("admin, default (waiting, newest first)", "bench-admin", "/queue"),
            ("officer of 3 agencies, default", "bench-officer", "/queue"),
            ("admin, label + platform + min score", "bench-admin", "/queue?label=endorse&platform=mastodon&minScore=0.7"),
            ("admin, all statuses, highest score", "bench-admin", "/queue?status=all&sort=score"),
            ("admin, date range, oldest first", "bench-admin", "/queue?status=all&from=2025-03-01&to=2025-03-31&sort=oldest"),
            ("admin, page 200", "bench-admin", "/queue?status=all&page=200"),
            ("officer, overdue only, soonest due", "bench-officer", "/queue?overdue=true&sort=due"),
            ("admin, dashboard", "bench-admin", "/"),
            ("officer of 3 agencies, dashboard", "bench-officer", "/"),
            ("admin, review quality (API)", "bench-admin", "/api/review-quality"),
            ("admin, queue CSV, all 50,000 flags", "bench-admin", "/export/queue.csv?status=all"),
            ("officer of 3 agencies, queue CSV, all statuses", "bench-officer", "/export/queue.csv?status=all"),
            ("admin, decisions CSV (all)", "bench-admin", "/export/decisions.csv"),
            ("officer, case file of an employee with 200 flags (4 accounts)", "bench-officer", $"/staff/{caseNip}"),
            ($"officer, case report over {CaseReportFlags} of their confirmed flags", "bench-officer",
                $"/staff/{caseNip}/report?{string.Join("&", reportFlags.Select(id => "flags=" + id))}"),
        };

        PrintMachine(size, postgres);
        System.Console.WriteLine("| scenario | median server ms | p95 server ms | median client ms | rows on page |");
        System.Console.WriteLine("|---|---:|---:|---:|---:|");
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (name, user, path) in scenarios)
        {
            if (!clients.TryGetValue(user, out var client))
            {
                client = await SignInAsync(factory, user);
                clients[user] = client;
            }
            var server = new List<double>();
            var wall = new List<double>();
            var rows = 0;
            // A whole export is seconds, not milliseconds: fewer rounds of it.
            var iterations = path.Contains(".csv", StringComparison.Ordinal) ? CsvIterations : Iterations;
            for (var i = 0; i < Warmup + iterations; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path);
                var html = await response.Content.ReadAsStringAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
                }
                if (i < Warmup)
                {
                    continue;
                }
                var timing = response.Headers.GetValues("Server-Timing").Single();
                server.Add(double.Parse(timing[(timing.IndexOf("dur=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture));
                wall.Add(elapsed);
                rows = Rows(path, html);
            }
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Percentile(server, 0.5):0.0} | {Percentile(server, 0.95):0.0} | {Percentile(wall, 0.5):0.0} | {rows} |"));
        }
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        // Queue pages count their flag links; a CSV export, its data lines; the case file and its report, the flags they say they show.
        static int Rows(string path, string html)
        {
            if (path.Contains(".csv", StringComparison.Ordinal))
            {
                return html.Count(c => c == '\n') - 1;
            }
            var count = Regex.Match(html, "id=\"(?:casefile-count|report-post-count)\">(\\d+)");
            return count.Success ? int.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture) : Regex.Count(html, "class=\"flag-link\"");
        }

        static void PrintMachine(long size, bool postgres)
        {
            System.Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
            System.Console.WriteLine($"database: {(postgres ? "PostgreSQL" : "SQLite")}, {size / 1_000_000} MB, {Posts:N0} posts, {Posts / FlagEvery:N0} flags");
            System.Console.WriteLine();
        }

        // The officer's oldest 500 waiting flags, dismissed with one reason through the queue's bulk form: one
        // decision and one audit entry per flag. A warm-up round first, then measured rounds, each on the next 500.
        // The flags are reopened afterwards (their decisions stay, append-only) so a reused SQLite database gives the
        // next run the same queue.
        static async Task BulkDismissAsync(BenchFactory factory, Dictionary<string, string?> settings, string dataDirectory, bool postgres)
        {
            using var client = await SignInAsync(factory, "bench-officer");
            var dismissed = new List<string>();
            var server = new List<double>();
            var wall = new List<double>();
            for (var round = 0; round <= BulkRuns; round++)
            {
                using var page = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/flags?sort=oldest&pageSize={BulkSize}"));
                var ids = page.RootElement.GetProperty("items").EnumerateArray()
                    .Select(row => row.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)).ToList();
                if (ids.Count != BulkSize)
                {
                    throw new InvalidOperationException($"the officer has {ids.Count} waiting flags, not {BulkSize}");
                }
                var queue = await client.GetStringAsync("/queue?sort=oldest");
                var token = Regex.Match(queue, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
                using var form = new FormUrlEncodedContent([
                    new("bulkAction", "dismiss"), new("reason", "Bench: ajakan kegiatan warga, bukan kampanye."), new("decisionLabel", "civic"),
                    new("__RequestVerificationToken", WebUtility.HtmlDecode(token)), .. ids.Select(id => KeyValuePair.Create("ids", id))]);
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync("/queue?handler=Bulk&sort=oldest", form);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.Redirect)
                {
                    throw new InvalidOperationException($"the bulk dismissal answered {(int)response.StatusCode}");
                }
                dismissed.AddRange(ids);
                if (round == 0)
                {
                    continue;
                }
                var timing = response.Headers.GetValues("Server-Timing").Single();
                server.Add(double.Parse(timing[(timing.IndexOf("dur=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture));
                wall.Add(elapsed);
            }
            System.Console.WriteLine($"| bulk dismiss of {BulkSize} flags (officer of 3 agencies, {BulkRuns} rounds after 1 warm-up) | median server ms | max server ms | median client ms |");
            System.Console.WriteLine("|---|---:|---:|---:|");
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(postgres ? "PostgreSQL" : "SQLite")} | {Percentile(server, 0.5):0.0} | {server.Max():0.0} | {Percentile(wall, 0.5):0.0} |"));

            await using var connection = await OpenAsync(settings, dataDirectory, postgres);
            await using var reopen = connection.CreateCommand();
            reopen.CommandText = $"UPDATE flags SET status = 'open' WHERE id IN ({string.Join(",", dismissed)})";
            await reopen.ExecuteNonQueryAsync();
        }

        static double Percentile(List<double> values, double p)
        {
            var sorted = values.Order().ToArray();
            return sorted[(int)Math.Min(sorted.Length - 1, Math.Round(p * (sorted.Length - 1)))];
        }

        static async Task<HttpClient> SignInAsync(BenchFactory factory, string user)
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            var page = await client.GetStringAsync("/signin");
            var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = user, ["password"] = Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            });
            var response = await client.PostAsync("/signin", form);
            return response.StatusCode == HttpStatusCode.Redirect ? client : throw new InvalidOperationException($"sign-in of {user} failed");
        }

        static async Task<long> EnsureDatabaseAsync(string dataDirectory, Dictionary<string, string?> settings, bool postgres)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var services = new ServiceCollection().AddLogging().AddSocialWatch(configuration).BuildServiceProvider();
            await using (services)
            {
                await services.GetRequiredService<IDatabaseMigrator>().MigrateAsync();
            }
            var hash = new PasswordHasher(PasswordHasher.MinimumIterations).Hash(Password);
            await using var connection = await OpenAsync(settings, dataDirectory, postgres);
            if (await ScalarAsync(connection, "SELECT count(*) FROM posts") < Posts)
            {
                var started = Stopwatch.GetTimestamp();
                await using var command = connection.CreateCommand();
                command.CommandText = postgres ? PostgresScript(hash) : SqliteScript(hash);
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync();
                System.Console.WriteLine($"built the database in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
            }
            return postgres
                ? await ScalarAsync(connection, "SELECT pg_database_size(current_database())")
                : new FileInfo(Path.Combine(dataDirectory, "socialwatch.db")).Length;
        }

        // The case person's NIP and the first of their confirmed flags, for the case file and case report scenarios.
        static async Task<(string Nip, List<long> ReportFlags)> CaseFileAsync(Dictionary<string, string?> settings, string dataDirectory, bool postgres)
        {
            await using var connection = await OpenAsync(settings, dataDirectory, postgres);
            await using var nip = connection.CreateCommand();
            nip.CommandText = $"SELECT nip FROM staff WHERE id = {CasePerson}";
            var value = (string)(await nip.ExecuteScalarAsync() ?? throw new InvalidOperationException("the case person is missing"));
            await using var confirmed = connection.CreateCommand();
            confirmed.CommandText = $"SELECT id FROM flags WHERE staff_id = {CasePerson} AND status = 'confirmed' ORDER BY id LIMIT {CaseReportFlags}";
            var ids = new List<long>();
            await using (var reader = await confirmed.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    ids.Add(reader.GetInt64(0));
                }
            }
            var flags = await ScalarAsync(connection, $"SELECT count(*) FROM flags WHERE staff_id = {CasePerson}");
            var accounts = await ScalarAsync(connection, $"SELECT count(DISTINCT platform) FROM accounts WHERE staff_id = {CasePerson}");
            return flags == 200 && accounts == 4 && ids.Count == CaseReportFlags
                ? (value, ids)
                : throw new InvalidOperationException($"the case person has {flags} flags on {accounts} platforms and {ids.Count} confirmed; rebuild the database");
        }

        static async Task<DbConnection> OpenAsync(Dictionary<string, string?> settings, string dataDirectory, bool postgres)
        {
            DbConnection connection = postgres
                ? new NpgsqlConnection(settings["Storage:ConnectionString"])
                : new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "socialwatch.db")}");
            await connection.OpenAsync();
            return connection;
        }

        static async Task<long> ScalarAsync(DbConnection connection, string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
    }

    // Bulk generation in SQL, one transaction. The shapes match what the repositories write; both scripts make the same rows.
    private static string SqliteScript(string hash) => $$"""
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = OFF;
        BEGIN;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{Agencies}})
        INSERT INTO agencies (id, code, name) SELECT i, 'AG' || i, 'Pemerintah Daerah ' || i FROM n;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{Agencies * StaffPerAgency}})
        INSERT INTO staff (id, nip, name, position, agency_id)
        SELECT i, '19850412' || printf('%06d', 201001 + (i / 1000) % 12) || '1' || printf('%03d', i % 1000), 'Pegawai ' || i, 'Analis', 1 + (i % {{Agencies}}) FROM n;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{Agencies * StaffPerAgency * 2}})
        INSERT INTO accounts (id, platform, handle, staff_id, status, last_polled_at)
        SELECT i, CASE i % 3 WHEN 0 THEN 'mastodon' WHEN 1 THEN 'bluesky' ELSE 'rss' END, 'akun' || i, 1 + (i % {{Agencies * StaffPerAgency}}), 'active', 1763000000000 FROM n;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{Posts}})
        INSERT INTO posts (id, account_id, platform, platform_post_id, current_version, created_at, fetched_at)
        SELECT i, 1 + (i % {{Agencies * StaffPerAgency * 2}}),
               CASE (1 + (i % {{Agencies * StaffPerAgency * 2}})) % 3 WHEN 0 THEN 'mastodon' WHEN 1 THEN 'bluesky' ELSE 'rss' END,
               'p' || i, 1, 1735689600000 + i * 31536, 1735689600000 + i * 31536 + 600000 FROM n;
        INSERT INTO post_versions (post_id, version, fetched_at, text, language, url, is_repost, is_quote, hashtags, mentions, media_descriptions, media_urls, raw_payload, raw_sha256)
        SELECT id, 1, fetched_at, 'Selamat pagi warga, hari ini kami melayani pembuatan KTP di kantor kecamatan nomor ' || id,
               'id', 'https://sosial.example/@akun/' || id, 0, 0, '[]', '[]', '[]', '[]',
               '{"id":"p' || id || '","content":"Selamat pagi warga, hari ini kami melayani pembuatan KTP di kantor kecamatan"}',
               lower(hex(randomblob(32)))
        FROM posts;
        {{CasePersonRows}}
        {{ReviewRows(hash)}}
        COMMIT;
        ANALYZE;
        """;

    private static string PostgresScript(string hash) => $$"""
        SET synchronous_commit = off;
        BEGIN;
        INSERT INTO agencies (id, code, name) SELECT i, 'AG' || i, 'Pemerintah Daerah ' || i FROM generate_series(1, {{Agencies}}) i;
        INSERT INTO staff (id, nip, name, position, agency_id)
        SELECT i, '19850412' || lpad((201001 + (i / 1000) % 12)::text, 6, '0') || '1' || lpad((i % 1000)::text, 3, '0'), 'Pegawai ' || i, 'Analis', 1 + (i % {{Agencies}})
        FROM generate_series(1, {{Agencies * StaffPerAgency}}) i;
        INSERT INTO accounts (id, platform, handle, staff_id, status, last_polled_at)
        SELECT i, CASE i % 3 WHEN 0 THEN 'mastodon' WHEN 1 THEN 'bluesky' ELSE 'rss' END, 'akun' || i, 1 + (i % {{Agencies * StaffPerAgency}}), 'active', 1763000000000
        FROM generate_series(1, {{Agencies * StaffPerAgency * 2}}) i;
        INSERT INTO posts (id, account_id, platform, platform_post_id, current_version, created_at, fetched_at)
        SELECT i, 1 + (i % {{Agencies * StaffPerAgency * 2}}),
               CASE (1 + (i % {{Agencies * StaffPerAgency * 2}})) % 3 WHEN 0 THEN 'mastodon' WHEN 1 THEN 'bluesky' ELSE 'rss' END,
               'p' || i, 1, 1735689600000 + i * 31536, 1735689600000 + i * 31536 + 600000
        FROM generate_series(1, {{Posts}}::bigint) i;
        INSERT INTO post_versions (post_id, version, fetched_at, text, language, url, is_repost, is_quote, hashtags, mentions, media_descriptions, media_urls, raw_payload, raw_sha256)
        SELECT id, 1, fetched_at, 'Selamat pagi warga, hari ini kami melayani pembuatan KTP di kantor kecamatan nomor ' || id,
               'id', 'https://sosial.example/@akun/' || id, FALSE, FALSE, '[]', '[]', '[]', '[]',
               '{"id":"p' || id || '","content":"Selamat pagi warga, hari ini kami melayani pembuatan KTP di kantor kecamatan"}',
               md5(random()::text) || md5(random()::text)
        FROM posts;
        {{CasePersonRows}}
        {{ReviewRows(hash)}}
        -- Rows were given their ids: move the identity sequences past them, as the repositories would have.
        SELECT setval(pg_get_serial_sequence(t, 'id'), 10000000) FROM unnest(ARRAY['agencies', 'staff', 'accounts', 'posts', 'classifications', 'flags', 'users']) t;
        COMMIT;
        ANALYZE;
        """;

    /// <summary>
    /// The case person's two more accounts (x, rss) and half of the posts of each of their first two (bluesky: post ids
    /// ≡ 0 mod 10,000; mastodon: ≡ 5,000), before the flags copy each post's platform and staff member.
    /// </summary>
    private static readonly string CasePersonRows = $"""
        INSERT INTO accounts (id, platform, handle, staff_id, status, last_polled_at)
        VALUES ({Agencies * StaffPerAgency * 2 + 1}, 'x', 'akun-x-{CasePerson}', {CasePerson}, 'active', 1763000000000),
               ({Agencies * StaffPerAgency * 2 + 2}, 'rss', 'akun-rss-{CasePerson}', {CasePerson}, 'active', 1763000000000);
        UPDATE posts SET account_id = {Agencies * StaffPerAgency * 2 + 1}, platform = 'x' WHERE account_id = 1 AND id % 20000 = 0;
        UPDATE posts SET account_id = {Agencies * StaffPerAgency * 2 + 2}, platform = 'rss' WHERE account_id = {Agencies * StaffPerAgency + 1} AND id % 20000 = 15000;
        """;

    /// <summary>The classifications, flags and users, the same SQL on both engines once posts are in.</summary>
    private static string ReviewRows(string hash) => $$"""
        INSERT INTO classifications (id, post_id, post_version, model_version, label, scores, signals, classified_at)
        SELECT id / {{FlagEvery}}, id, 1, 'bench-1', CASE id % 3 WHEN 0 THEN 'endorse' WHEN 1 THEN 'oppose' ELSE 'campaign' END,
               '{"endorse":0.7,"oppose":0.1,"campaign":0.1,"civic":0.05,"other":0.05}', '[]', fetched_at
        FROM posts WHERE id % {{FlagEvery}} = 0;
        -- Every flag's evidence was collected a minute after it was raised (the posts have no media and are no replies),
        -- as the evidence job leaves a running system; otherwise the host's job would collect 50,000 while the bench measures.
        INSERT INTO flags (id, post_id, classification_id, label, score, status, created_at, updated_at, agency_id, platform, post_created_at, staff_id, evidence_collected_at)
        SELECT c.id, p.id, c.id, c.label, 0.5 + (p.id % 500) / 1000.0,
               CASE p.id % 7 WHEN 0 THEN 'confirmed' WHEN 1 THEN 'dismissed' WHEN 2 THEN 'escalated' WHEN 3 THEN 'in_review' ELSE 'open' END,
               p.fetched_at, p.fetched_at, s.agency_id, p.platform, p.created_at, s.id, p.fetched_at + 60000
        FROM classifications c JOIN posts p ON p.id = c.post_id JOIN accounts a ON a.id = p.account_id JOIN staff s ON s.id = a.staff_id;
        INSERT INTO users (id, user_name, display_name, email, role, password_hash, created_at)
        VALUES (1, 'bench-admin', 'Bench Admin', 'admin@bench.example', 'admin', '{{hash}}', 0),
               (2, 'bench-officer', 'Bench Officer', 'officer@bench.example', 'officer', '{{hash}}', 0);
        INSERT INTO user_agencies (user_id, agency_id) VALUES (2, 1), (2, 2), (2, 3);
        -- The decision that closed each confirmed or dismissed flag, 0-96 hours after it was raised (review quality, decisions export).
        INSERT INTO review_decisions (flag_id, user_id, decided_at, kind, category, reason)
        SELECT id, 2, created_at + (id % 97) * 3600000, CASE status WHEN 'confirmed' THEN 'confirm' ELSE 'dismiss' END,
               CASE status WHEN 'confirmed' THEN 'online_campaign' END, 'keputusan bench'
        FROM flags WHERE status IN ('confirmed', 'dismissed') ORDER BY id;
        """;
}

/// <summary>The real Worker host, in memory, over the bench database.</summary>
internal sealed class BenchFactory(Dictionary<string, string?> settings) : WebApplicationFactory<global::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
}
