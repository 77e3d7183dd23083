using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Ports;
using SocialWatch.Hosting;
using SocialWatch.Sources.Jsonl;
using SocialWatch.Storage;
using SocialWatch.Testing;

// End-to-end ingestion from a posts.v1 JSONL file through the classifier into a fresh database, SQLite and PostgreSQL
// side by side in one run, with the same FileImportService `socialwatch ingest --file` and the drop folder use.
// Texts are the training and held-out posts cycled (so a realistic share becomes flags), spread over 300 registered
// accounts, each line with a unique id. PostgreSQL is a server of the bench's own (Debian's postgresql package, default
// durability: fsync and synchronous commit on) on 127.0.0.1.
// Usage (from the repository root): dotnet run -c Release --project bench/Ingestion.Bench [-- POSTS RUNS MEMORY_POSTS]
var posts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var memoryPosts = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
const int Accounts = 300, OnePostPerTransaction = 20_000;
int[] WorkerCounts = [1, 2, 4];
DatabaseEngine[] Engines = [DatabaseEngine.Sqlite, DatabaseEngine.Postgres];

var work = Path.Combine(Path.GetTempPath(), "socialwatch-ingestion-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);
var postgres = PostgresServer.StartDedicated();
try
{
    var corpus = ReadCorpus("data/training").Concat(ReadCorpus("data/heldout")).ToList();
    var texts = TypicalMix(corpus, 20_000);
    var file = Path.Combine(work, "posts.jsonl");
    WriteFile(file, posts, texts);
    var corpusFile = Path.Combine(work, "corpus.jsonl");
    WriteFile(corpusFile, posts, corpus.Select(c => c.Text).ToArray());
    Console.WriteLine($"input: {posts:N0} posts ({new FileInfo(file).Length / 1_048_576.0:F0} MB JSONL) over {Accounts} accounts; typical mix: 5 % of texts from the corpus's flag labels, 95 % from its civic and other posts; corpus mix: all {corpus.Count:N0} corpus texts cycled (60 % flag labels)");
    Console.WriteLine();

    // Side by side, alternating, each on a fresh database: batched (the product) and one post per transaction. Each
    // measurement also takes the CPU time the bench process and the PostgreSQL server used, per post: on a machine
    // shared with other work that figure stays comparable when posts/s does not.
    var readAndClassify = new List<Measurement>();
    var rates = new Dictionary<(DatabaseEngine, string), List<Measurement>>();
    void Add(DatabaseEngine engine, string path, Measurement measurement) =>
        (rates.TryGetValue((engine, path), out var list) ? list : rates[(engine, path)] = []).Add(measurement);
    async Task<Measurement> MeasureAsync(int count, Func<Task<TimeSpan>> run)
    {
        var (client, server) = (Process.GetCurrentProcess().TotalProcessorTime, postgres.CpuTime());
        var elapsed = await run();
        return new Measurement(count / elapsed.TotalSeconds,
            (Process.GetCurrentProcess().TotalProcessorTime - client).TotalMicroseconds / count, (postgres.CpuTime() - server).TotalMicroseconds / count);
    }
    var workerFiles = new Dictionary<int, string[]>();
    foreach (var workers in WorkerCounts)
    {
        workerFiles[workers] = SplitFile(file, workers, work);
    }
    var totals = new Dictionary<DatabaseEngine, string>();
    for (var run = 0; run < runs; run++)
    {
        foreach (var engine in Engines)
        {
            await using (var db = await BenchDatabase.CreateAsync(work, engine, postgres))
            {
                readAndClassify.Add(await MeasureAsync(posts, () => db.ReadAndClassifyAsync(file)));
                Add(engine, "batched", await MeasureAsync(posts, async () =>
                {
                    var (elapsed, result) = await db.ImportAsync(file);
                    totals[engine] = result.Totals.ToString();
                    return elapsed;
                }));
                Add(engine, "unchanged", await MeasureAsync(posts, async () => (await db.ImportAsync(file)).Elapsed));
            }
            await using (var db = await BenchDatabase.CreateAsync(work, engine, postgres))
            {
                Add(engine, "corpus", await MeasureAsync(posts, async () => (await db.ImportAsync(corpusFile)).Elapsed));
            }
            foreach (var workers in WorkerCounts.Where(w => w > 1))
            {
                await using var db = await BenchDatabase.CreateAsync(work, engine, postgres);
                Add(engine, $"workers-{workers}", await MeasureAsync(posts, () => db.ImportConcurrentlyAsync(workerFiles[workers])));
            }
            await using (var db = await BenchDatabase.CreateAsync(work, engine, postgres))
            {
                Add(engine, "single", await MeasureAsync(OnePostPerTransaction, () => db.ImportOneByOneAsync(file, OnePostPerTransaction)));
            }
        }
    }
    Console.WriteLine($"| path | engine | posts | runs | median posts/s | runs (posts/s) | median CPU µs per post: bench process + PostgreSQL server |");
    Console.WriteLine($"|---|---|---:|---:|---:|---|---:|");
    Row("read and classify only, no database (the CPU part)", "-", posts, readAndClassify);
    foreach (var engine in Engines)
    {
        Row("**import, typical mix** (500 posts per transaction), fresh database, 1 worker", Name(engine), posts, rates[(engine, "batched")]);
        foreach (var workers in WorkerCounts.Where(w => w > 1))
        {
            Row($"import, typical mix, {workers} workers importing a share of the file each, at once", Name(engine), posts, rates[(engine, $"workers-{workers}")]);
        }
        Row("same file again (every post unchanged)", Name(engine), posts, rates[(engine, "unchanged")]);
        Row("import, corpus mix (60 % flags), fresh database", Name(engine), posts, rates[(engine, "corpus")]);
        Row("typical mix, one post per transaction (the first version's shape)", Name(engine), OnePostPerTransaction, rates[(engine, "single")]);
    }
    Console.WriteLine();
    foreach (var engine in Engines)
    {
        Console.WriteLine(FormattableString.Invariant(
            $"{Name(engine)}: batched / one per transaction {Median(Rates(rates[(engine, "batched")])) / Median(Rates(rates[(engine, "single")])):F1}×; last typical run: {totals[engine]}."));
    }
    Console.WriteLine(FormattableString.Invariant(
        $"PostgreSQL / SQLite, typical mix, 1 worker: {Median(Rates(rates[(DatabaseEngine.Postgres, "batched")])) / Median(Rates(rates[(DatabaseEngine.Sqlite, "batched")])):F2}×."));
    Console.WriteLine();

    await PostgresWriteStrategies.RunAsync(postgres, runs);

    if (memoryPosts > 0)
    {
        var big = Path.Combine(work, "memory.jsonl");
        WriteFile(big, memoryPosts, texts);
        File.Delete(file);
        File.Delete(corpusFile);
        await using var db = await BenchDatabase.CreateAsync(work, DatabaseEngine.Sqlite, postgres);
        Console.WriteLine($"Memory over {memoryPosts:N0} posts (one import; sampled every 10 %):");
        Console.WriteLine();
        Console.WriteLine("| posts read | managed heap after full GC (MB) | working set (MB) | elapsed (s) |");
        Console.WriteLine("|---:|---:|---:|---:|");
        var clock = Stopwatch.StartNew();
        await db.ImportAsync(big, read =>
        {
            if (read % (memoryPosts / 10) == 0)
            {
                var heap = GC.GetTotalMemory(forceFullCollection: true) / 1_048_576.0;
                var workingSet = Process.GetCurrentProcess().WorkingSet64 / 1_048_576.0;
                Console.WriteLine(FormattableString.Invariant($"| {read:N0} | {heap:F1} | {workingSet:F0} | {clock.Elapsed.TotalSeconds:F1} |"));
            }
        });
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"{memoryPosts:N0} posts in {clock.Elapsed.TotalSeconds:F1} s ({memoryPosts / clock.Elapsed.TotalSeconds:N0} posts/s, sampling pauses included); database {db.FileSizeMegabytes:F0} MB."));
    }
}
finally
{
    postgres.Stop();
    Directory.Delete(work, recursive: true);
}

static string Name(DatabaseEngine engine) => engine == DatabaseEngine.Sqlite ? "SQLite" : "PostgreSQL";

static List<double> Rates(List<Measurement> measurements) => [.. measurements.Select(m => m.PostsPerSecond)];

static void Row(string name, string engine, int count, List<Measurement> measurements)
{
    var (client, server) = (Median([.. measurements.Select(m => m.ClientCpuMicroseconds)]), Median([.. measurements.Select(m => m.ServerCpuMicroseconds)]));
    var cpu = engine == "PostgreSQL" ? FormattableString.Invariant($"{client + server:N0} ({client:N0} + {server:N0})") : FormattableString.Invariant($"{client:N0}");
    Console.WriteLine(FormattableString.Invariant(
        $"| {name} | {engine} | {count:N0} | {measurements.Count} | {Median(Rates(measurements)):N0} | {string.Join(", ", measurements.Select(m => m.PostsPerSecond.ToString("N0", CultureInfo.InvariantCulture)))} | {cpu} |"));
}

/// <summary>The file dealt line by line into <paramref name="parts"/> files, one per worker.</summary>
static string[] SplitFile(string file, int parts, string work)
{
    var paths = Enumerable.Range(0, parts).Select(p => Path.Combine(work, $"part-{parts}-{p}.jsonl")).ToArray();
    var writers = paths.Select(p => new StreamWriter(p)).ToArray();
    var i = 0;
    foreach (var line in File.ReadLines(file))
    {
        writers[i++ % parts].WriteLine(line);
    }
    foreach (var writer in writers)
    {
        writer.Dispose();
    }
    return paths;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static IEnumerable<(string Text, string Label)> ReadCorpus(string folder) =>
    Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal)
        .SelectMany(File.ReadLines)
        .Where(l => l.Length > 0)
        .Select(l => JsonDocument.Parse(l).RootElement)
        .Select(r => (r.GetProperty("text").GetString()!, r.GetProperty("label").GetString()!));

/// <summary>
/// Typical traffic: 5 % of posts from the corpus's flag labels, the rest from its civic and other posts, interleaved
/// deterministically. (The corpus itself is 60 % flags, far from what civil servants post.)
/// </summary>
static string[] TypicalMix(List<(string Text, string Label)> corpus, int length)
{
    var flags = corpus.Where(c => c.Label is "endorse" or "oppose" or "campaign").Select(c => c.Text).ToArray();
    var others = corpus.Where(c => c.Label is "civic" or "other").Select(c => c.Text).ToArray();
    return Enumerable.Range(0, length).Select(i => i % 20 == 7 ? flags[i / 20 % flags.Length] : others[i % others.Length]).ToArray();
}

static void WriteFile(string path, int count, string[] texts)
{
    using var writer = new StreamWriter(path);
    var start = new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.FromHours(7));
    for (var i = 0; i < count; i++)
    {
        var line = new Dictionary<string, object?>
        {
            ["schema"] = "posts.v1",
            ["platform"] = "mastodon",
            ["platform_post_id"] = (1_000_000_000L + i).ToString(CultureInfo.InvariantCulture),
            ["account"] = new { handle = BenchDatabase.Handle(i % Accounts) },
            ["created_at"] = start.AddSeconds(i * 7L).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["text"] = texts[i % texts.Length],
            ["language"] = "id",
            ["url"] = $"https://mastodon.example/@pegawai/{i}",
            ["hashtags"] = Array.Empty<string>(),
            ["source"] = new { tool = "bench", exported_at = "2024-11-20T00:00:00Z" },
        };
        writer.WriteLine(JsonSerializer.Serialize(line));
    }
}

/// <summary>One timed run: its speed, and the CPU time per post of the bench process and of the PostgreSQL server.</summary>
internal sealed record Measurement(double PostsPerSecond, double ClientCpuMicroseconds, double ServerCpuMicroseconds);

/// <summary>A fresh database under the work folder with the product's services and 300 registered accounts.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly string directory;
    private readonly PostgresServer? server;
    private readonly string? schema;

    private BenchDatabase(ServiceProvider services, string directory, PostgresServer? server, string? schema)
    {
        this.services = services;
        this.directory = directory;
        this.server = server;
        this.schema = schema;
    }

    public static string Handle(int account) => $"pegawai{account}@bench.example";

    public static async Task<BenchDatabase> CreateAsync(string work, DatabaseEngine engine, PostgresServer postgres)
    {
        var directory = Path.Combine(work, Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory };
        string? schema = null;
        if (engine == DatabaseEngine.Postgres)
        {
            schema = await postgres.CreateSchemaAsync();
            settings["Storage:Provider"] = "postgres";
            settings["Storage:ConnectionString"] = postgres.ConnectionString(schema);
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSocialWatch(configuration).BuildServiceProvider();
        await services.GetRequiredService<IDatabaseMigrator>().MigrateAsync();
        var agency = await services.GetRequiredService<IAgencyRepository>().AddAsync("BENCH", "Instansi Uji");
        for (var i = 0; i < 300; i++)
        {
            var nip = Nip.Parse(FormattableString.Invariant($"19850412201003{1000 + i:0000}"));
            await services.GetRequiredService<IStaffRepository>().AddAsync(new NewStaffMember(nip, $"Pegawai {i}", "Analis", agency.Code));
            await services.GetRequiredService<IAccountRepository>().AddAsync(new NewAccount(Platform.Mastodon, Handle(i), nip));
        }
        return new BenchDatabase(services, directory, schema is null ? null : postgres, schema);
    }

    public double FileSizeMegabytes => new FileInfo(Path.Combine(directory, "socialwatch.db")).Length / 1_048_576.0;

    /// <summary>Each file through a FileImportService of its own, all at once (as nodes or drop-folder workers would).</summary>
    public async Task<TimeSpan> ImportConcurrentlyAsync(string[] files)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(files.Select(f => Task.Run(() => ImportAsync(f))));
        return clock.Elapsed;
    }

    public async Task<(TimeSpan Elapsed, ImportSummary Summary)> ImportAsync(string file, Action<long>? onRead = null)
    {
        var import = new FileImportService(new CountingReader(onRead), services.GetRequiredService<PostPipeline>(),
            services.GetRequiredService<IAccountRepository>(), TimeProvider.System, NullLogger<FileImportService>.Instance);
        var clock = Stopwatch.StartNew();
        var summary = await import.ImportAsync(file, CancellationToken.None);
        return (clock.Elapsed, summary);
    }

    /// <summary>The JSONL reader and the classifier alone: what ingestion costs before the database.</summary>
    public async Task<TimeSpan> ReadAndClassifyAsync(string file)
    {
        var classifier = services.GetRequiredService<IPostClassifier>();
        var clock = Stopwatch.StartNew();
        var flags = 0;
        await foreach (var line in new JsonlImportFileReader().ReadAsync(file, CancellationToken.None))
        {
            flags += classifier.Classify(line.Post!.ClassifiableText).IsFlag ? 1 : 0;
        }
        GC.KeepAlive(flags);
        return clock.Elapsed;
    }

    /// <summary>The same file through the same pipeline, one post per call and so per transaction.</summary>
    public async Task<TimeSpan> ImportOneByOneAsync(string file, int count)
    {
        var pipeline = services.GetRequiredService<PostPipeline>();
        var accounts = services.GetRequiredService<IAccountRepository>();
        var ids = new Dictionary<string, long>();
        var clock = Stopwatch.StartNew();
        var done = 0;
        await foreach (var line in new JsonlImportFileReader().ReadAsync(file, CancellationToken.None))
        {
            var post = line.Post!;
            if (!ids.TryGetValue(post.AccountHandle, out var accountId))
            {
                accountId = ids[post.AccountHandle] = (await accounts.FindAsync(post.Platform, post.AccountHandle))!.Id;
            }
            await pipeline.ProcessAsync(accountId, post, DateTimeOffset.UtcNow, CancellationToken.None);
            if (++done == count)
            {
                break;
            }
        }
        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        if (server is not null)
        {
            await server.DropSchemaAsync(schema!);
        }
    }

    /// <summary>The product's JSONL reader, counting lines as they are read (for the memory samples).</summary>
    private sealed class CountingReader(Action<long>? onRead) : IImportFileReader
    {
        private readonly JsonlImportFileReader inner = new();
        private long read;

        public async IAsyncEnumerable<ImportLine> ReadAsync(string path, [EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (var line in inner.ReadAsync(path, ct))
            {
                yield return line;
                onRead?.Invoke(++read);
            }
        }
    }
}
