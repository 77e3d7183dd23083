using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Hosting;
using SocialWatch.Storage;
using SocialWatch.Storage.Sqlite;

// Seeds a database the size the review console must handle (default 1,000,000 posts, 50,000 flags), then times
// the queue queries an officer and an admin make, and the post store the ingestion pipeline calls.
// Usage: dotnet run -c Release --project bench/Storage.Bench [-- POSTS FLAGS]
var postCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var flagCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
const int Agencies = 20, StaffPerAgency = 100, AccountsPerStaff = 2, Runs = 50;

var directory = Path.Combine(Path.GetTempPath(), "socialwatch-bench", Guid.NewGuid().ToString("N"));
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory }).Build();
var services = new ServiceCollection().AddSocialWatch(configuration).BuildServiceProvider();
try
{
    await services.GetRequiredService<IDatabaseMigrator>().MigrateAsync();
    var seedTime = Stopwatch.StartNew();
    await SeedAsync(services.GetRequiredService<SqliteConnectionFactory>(), postCount, flagCount);
    Console.WriteLine($"seeded {postCount:N0} posts, {flagCount:N0} flags in {seedTime.Elapsed.TotalSeconds:F1} s ({new FileInfo(Path.Combine(directory, "socialwatch.db")).Length / 1_048_576.0:F0} MB)");

    var flags = services.GetRequiredService<IFlagRepository>();
    var officerAgencies = new long[] { 3, 7, 11 };
    var open = new[] { FlagStatus.Open, FlagStatus.InReview };
    var end = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    var cases = new (string Name, Func<Task> Run)[]
    {
        ("admin queue: open+in review, newest first, page 1", () => flags.QueryAsync(new FlagQuery { Statuses = open })),
        ("admin queue: page 200", () => flags.QueryAsync(new FlagQuery { Statuses = open, Page = 200 })),
        ("officer queue (3 agencies): open, newest first", () => flags.QueryAsync(new FlagQuery { Statuses = [FlagStatus.Open], AgencyIds = officerAgencies })),
        ("officer queue: label + platform + 30 days + min score", () => flags.QueryAsync(new FlagQuery
            { Statuses = open, AgencyIds = officerAgencies, Label = Label.Endorse, Platform = Platform.Mastodon, From = end.AddDays(-30), To = end, MinScore = 0.7 })),
        ("admin queue: highest score first", () => flags.QueryAsync(new FlagQuery { Statuses = open, Sort = FlagSort.HighestScore })),
        ("rare filter: escalated (none exist), highest score first", () => flags.QueryAsync(new FlagQuery { Statuses = [FlagStatus.Escalated], Sort = FlagSort.HighestScore })),
        ("officer counts by status", () => flags.CountByStatusAsync(new FlagQuery { AgencyIds = officerAgencies })),
        ("admin counts by status", () => flags.CountByStatusAsync(new FlagQuery())),
        ("dashboard: flags per day, 90 days", () => flags.CountPerDayAsync(null, end.AddDays(-90), end, TimeSpan.FromHours(7))),
        ("flag detail", () => flags.GetDetailAsync(flagCount / 2)),
    };
    var results = await MeasureAsync(cases);
    Console.WriteLine($"{"query (" + Runs + " runs)",-58} {"median ms",10} {"p95 ms",8}");
    for (var i = 0; i < cases.Length; i++)
    {
        Console.WriteLine($"{cases[i].Name,-58} {results[i].Median,10:F2} {results[i].P95,8:F2}");
    }

    // The page-selection step alone, side by side: the first version's shape (planner's choice: status index,
    // then sort every matching row) against the current one (walk the order-covering index, ids only).
    var shapes = new (string Name, string Before, string After)[]
    {
        ("open+in review, newest first, page 1",
            "SELECT * FROM flags WHERE status IN ('open', 'in_review') ORDER BY created_at DESC, id DESC LIMIT 50",
            "SELECT id FROM flags WHERE +status IN ('open', 'in_review') ORDER BY created_at DESC, id DESC LIMIT 50"),
        ("open+in review, newest first, page 200",
            "SELECT * FROM flags WHERE status IN ('open', 'in_review') ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET 9950",
            "SELECT id FROM flags WHERE +status IN ('open', 'in_review') ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET 9950"),
        ("open+in review, highest score first",
            "SELECT * FROM flags WHERE status IN ('open', 'in_review') ORDER BY score DESC, id DESC LIMIT 50",
            "SELECT id FROM flags WHERE +status IN ('open', 'in_review') ORDER BY score DESC, id DESC LIMIT 50"),
    };
    await using (var connection = await services.GetRequiredService<SqliteConnectionFactory>().OpenAsync(default))
    {
        Console.WriteLine($"{"page selection (" + Runs + " runs, median ms)",-58} {"status index",12} {"index walk",12} {"ratio",7}");
        foreach (var (name, beforeSql, afterSql) in shapes)
        {
            var before = (await MeasureAsync([(name, () => ReadAllAsync(connection, beforeSql))]))[0].Median;
            var after = (await MeasureAsync([(name, () => ReadAllAsync(connection, afterSql))]))[0].Median;
            Console.WriteLine($"{name,-58} {before,12:F2} {after,12:F2} {before / after,6:F0}x");
        }
    }

    var posts = services.GetRequiredService<IPostRepository>();
    const int Stored = 20_000;
    var storeTime = Stopwatch.StartNew();
    for (var i = 0; i < Stored; i++)
    {
        await posts.StoreAsync(1 + (i % (Agencies * StaffPerAgency * AccountsPerStaff)), new FetchedPost
        {
            Platform = Platform.Mastodon,
            PlatformPostId = $"new-{i}",
            AccountHandle = "bench",
            CreatedAt = end,
            Text = $"Posting baru nomor {i} tentang pelayanan publik di kantor kelurahan #KotaMaju",
            Hashtags = ["KotaMaju"],
            RawPayload = $$"""{"id":"new-{{i}}","content":"Posting baru nomor {{i}}"}""",
        }, end);
    }
    Console.WriteLine($"StoreAsync, one post per call: {Stored / storeTime.Elapsed.TotalSeconds:N0} posts/s ({Stored:N0} posts)");
}
finally
{
    await services.DisposeAsync();
    SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}

static async Task SeedAsync(SqliteConnectionFactory connections, int postCount, int flagCount)
{
    var random = new Random(42);
    var end = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    const long Day = 86_400_000;
    await using var connection = await connections.OpenAsync(default);
    await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();

    SqliteCommand Prepare(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    var accountCount = 0;
    var staffAgency = new List<long>();
    for (var a = 1; a <= Agencies; a++)
    {
        using var agency = Prepare($"INSERT INTO agencies (id, code, name) VALUES ({a}, 'AG{a}', 'Agency {a}')");
        agency.ExecuteNonQuery();
        for (var s = 0; s < StaffPerAgency; s++)
        {
            var staffId = staffAgency.Count + 1;
            staffAgency.Add(a);
            using var staff = Prepare($"INSERT INTO staff (id, nip, name, agency_id) VALUES ({staffId}, '{new DateOnly(1970, 1, 1).AddDays(staffId).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}2010031{staffId % 1000:000}', 'Staff {staffId}', {a})");
            staff.ExecuteNonQuery();
            for (var k = 0; k < AccountsPerStaff; k++)
            {
                accountCount++;
                var platform = k == 0 ? "mastodon" : "x";
                using var account = Prepare($"INSERT INTO accounts (id, platform, handle, staff_id) VALUES ({accountCount}, '{platform}', 'user{accountCount}', {staffId})");
                account.ExecuteNonQuery();
            }
        }
    }

    using var post = Prepare("INSERT INTO posts (id, account_id, platform, platform_post_id, current_version, created_at, fetched_at) VALUES ($id, $account, $platform, $pid, 1, $created, $created)");
    using var version = Prepare("""
        INSERT INTO post_versions (post_id, version, fetched_at, text, is_repost, is_quote, hashtags, mentions, media_descriptions, media_urls, raw_payload, raw_sha256)
        VALUES ($id, 1, $created, $text, 0, 0, '["KotaMaju"]', '[]', '[]', '[]', $payload, $sha)
        """);
    var postParameters = AddParameters(post, "$id", "$account", "$platform", "$pid", "$created");
    var versionParameters = AddParameters(version, "$id", "$created", "$text", "$payload", "$sha");
    var postAccount = new int[postCount + 1];
    var postCreated = new long[postCount + 1];
    for (var id = 1; id <= postCount; id++)
    {
        var account = random.Next(1, accountCount + 1);
        var created = end - (long)(random.NextDouble() * 90 * Day);
        postAccount[id] = account;
        postCreated[id] = created;
        var text = $"Posting {id}: kegiatan pelayanan publik hari ini di kantor, terima kasih warga atas partisipasinya #KotaMaju";
        postParameters[0].Value = id;
        postParameters[1].Value = account;
        postParameters[2].Value = account % 2 == 1 ? "mastodon" : "x";
        postParameters[3].Value = id.ToString(CultureInfo.InvariantCulture);
        postParameters[4].Value = created;
        post.ExecuteNonQuery();
        versionParameters[0].Value = id;
        versionParameters[1].Value = created;
        versionParameters[2].Value = text;
        versionParameters[3].Value = $$"""{"id":"{{id}}","content":"{{text}}"}""";
        versionParameters[4].Value = id.ToString("x64", CultureInfo.InvariantCulture);
        version.ExecuteNonQuery();
    }

    using var classification = Prepare("INSERT INTO classifications (id, post_id, post_version, model_version, label, scores, signals, classified_at) VALUES ($id, $post, 1, 'bench', $label, '{}', '[]', $at)");
    using var flag = Prepare("""
        INSERT INTO flags (id, post_id, classification_id, label, score, status, created_at, updated_at, agency_id, platform)
        VALUES ($id, $post, $id, $label, $score, $status, $at, $at, $agency, $platform)
        """);
    var classificationParameters = AddParameters(classification, "$id", "$post", "$label", "$at");
    var flagParameters = AddParameters(flag, "$id", "$post", "$label", "$score", "$status", "$at", "$agency", "$platform");
    var labels = new[] { "endorse", "oppose", "campaign" };
    var flagged = new HashSet<int>();
    for (var id = 1; id <= flagCount; id++)
    {
        int postId;
        do
        {
            postId = random.Next(1, postCount + 1);
        }
        while (!flagged.Add(postId));
        var label = labels[random.Next(labels.Length)];
        var at = postCreated[postId] + random.Next(60_000, 3_600_000);
        var roll = random.NextDouble();
        var status = roll < 0.6 ? "open" : roll < 0.7 ? "in_review" : roll < 0.85 ? "confirmed" : "dismissed";
        classificationParameters[0].Value = id;
        classificationParameters[1].Value = postId;
        classificationParameters[2].Value = label;
        classificationParameters[3].Value = at;
        classification.ExecuteNonQuery();
        flagParameters[0].Value = id;
        flagParameters[1].Value = postId;
        flagParameters[2].Value = label;
        flagParameters[3].Value = 0.5 + random.NextDouble() / 2;
        flagParameters[4].Value = status;
        flagParameters[5].Value = at;
        flagParameters[6].Value = staffAgency[(postAccount[postId] - 1) / AccountsPerStaff];
        flagParameters[7].Value = postAccount[postId] % 2 == 1 ? "mastodon" : "x";
        flag.ExecuteNonQuery();
    }
    await transaction.CommitAsync();
}

static SqliteParameter[] AddParameters(SqliteCommand command, params string[] names) =>
    names.Select(n => command.Parameters.Add(new SqliteParameter(n, null))).ToArray();

static async Task<List<(double Median, double P95)>> MeasureAsync((string Name, Func<Task> Run)[] cases)
{
    var results = new List<(double, double)>();
    foreach (var (_, run) in cases)
    {
        await run();
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        results.Add((times[Runs / 2], times[(int)(Runs * 0.95)]));
    }
    return results;
}

static async Task ReadAllAsync(SqliteConnection connection, string sql)
{
    await using var command = connection.CreateCommand();
    command.CommandText = sql;
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
    }
}
