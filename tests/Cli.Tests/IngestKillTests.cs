using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Storage.Sqlite;
using SocialWatch.Testing;

namespace SocialWatch.Cli.Tests;

/// <summary>
/// `socialwatch ingest --file` as a real process, killed with SIGKILL at several points of a large import and
/// restarted: every post, version, classification and flag ends up exactly as in an uninterrupted run.
/// </summary>
public sealed class IngestKillTests
{
    private const int Posts = 30_000;
    private const int Accounts = 5;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static readonly string[] Texts =
    [
        "Ayo coblos paslon nomor urut 2 tanggal 27 November, menangkan Pak Darma untuk Kabupaten Maju!",
        "Jangan pilih calon bupati yang suka ingkar janji, tolak paslon 1 #TolakPaslon1",
        "Relawan kumpul di posko pemenangan jam 7 malam ya, bawa atribut kampanye paslon 3 ☝️",
        "Pagi ini pelayanan imunisasi di puskesmas ramai sekali, terima kasih warga yang tertib",
        "Macet parah di jalan tol pagi ini, sabar ya semuanya",
        "KPU mengumumkan jadwal debat calon gubernur pada 10 November, simak di kanal resmi",
        "Jangan lupa datang ke TPS tanggal 27, gunakan hak pilihmu. ASN tetap netral!",
        "Sarapan nasi uduk dulu sebelum apel pagi, semangat kerja",
        "Hujan deras sore ini, hati-hati di jalan pulang kantor",
        "Dukung terus timnas Indonesia malam ini, garuda di dadaku!",
    ];

    [Fact]
    public async Task Killed_at_several_points_and_restarted_stores_every_post_and_flag_exactly_once()
    {
        using var work = new TempDirectory();
        var file = Path.Combine(work.Path, "export.jsonl");
        var distinctPosts = WriteExport(file);

        await using var reference = await CreateRegistryAsync();
        Assert.Equal(0, await RunToEndAsync(reference, file));
        var expected = await SnapshotAsync(reference);
        Assert.Equal(distinctPosts, expected.Posts.Count);
        Assert.NotEmpty(expected.Flags);

        await using var killed = await CreateRegistryAsync();
        var storedAtKill = new List<long>();
        foreach (var share in new[] { 0.1, 0.5, 0.9 })
        {
            using var process = Start(killed, file);
            process.OutputDataReceived += (_, _) => { }; // drained, so a full pipe never stalls the import
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await WaitForPostsAsync(killed, (int)(distinctPosts * share), process);
            process.Kill(entireProcessTree: true); // SIGKILL: no shutdown code runs
            await process.WaitForExitAsync();
            storedAtKill.Add(await CountPostsAsync(killed));
        }
        Assert.True(storedAtKill[0] < distinctPosts, $"the first kill came after the import ended ({storedAtKill[0]} posts)");
        Assert.Equal(0, await RunToEndAsync(killed, file));

        var actual = await SnapshotAsync(killed);
        Assert.Equal(expected.Posts, actual.Posts);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.Classifications, actual.Classifications);
    }

    /// <summary>Writes the export; every 20th post is edited later in the file (same id, new text). Returns the number of distinct posts.</summary>
    private static int WriteExport(string path)
    {
        using var writer = new StreamWriter(path);
        var start = new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.FromHours(7));
        var edits = new List<int>();
        for (var i = 0; i < Posts; i++)
        {
            writer.WriteLine(Line(i, $"{Texts[i % Texts.Length]} ({i})", start.AddMinutes(i)));
            if (i % 20 == 0)
            {
                edits.Add(i);
            }
            if (edits.Count > 0 && i % 20 == 10)
            {
                var edited = edits[^1];
                writer.WriteLine(Line(edited, $"{Texts[edited % Texts.Length]} ({edited}, diedit)", start.AddMinutes(edited)));
            }
        }
        return Posts;
    }

    private static string Line(int i, string text, DateTimeOffset createdAt) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["schema"] = "posts.v1",
        ["platform"] = "mastodon",
        ["platform_post_id"] = (900_000 + i).ToString(CultureInfo.InvariantCulture),
        ["account"] = new { handle = $"pegawai{i % Accounts + 1}@kotamaju.example" },
        ["created_at"] = createdAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["text"] = text,
        ["source"] = new { tool = "test", exported_at = "2024-11-20T00:00:00Z" },
    });

    private static async Task<TempDatabase> CreateRegistryAsync()
    {
        var database = await TempDatabase.CreateAsync();
        for (var n = 1; n <= Accounts; n++)
        {
            await SampleRegistry.AddAccountAsync(database, nipSequence: n, platform: Platform.Mastodon, handle: $"pegawai{n}@kotamaju.example");
        }
        return database;
    }

    private static Process Start(TempDatabase database, string file)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = database.DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "socialwatch.dll"));
        start.ArgumentList.Add("ingest");
        start.ArgumentList.Add("--file");
        start.ArgumentList.Add(file);
        foreach (var (key, value) in TempDatabase.ConfigurationFor(database.DataDirectory))
        {
            start.Environment["SOCIALWATCH__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return Process.Start(start)!;
    }

    private static async Task<int> RunToEndAsync(TempDatabase database, string file)
    {
        using var process = Start(database, file);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"ingest failed: {await output}\n{await error}");
        return process.ExitCode;
    }

    private static async Task WaitForPostsAsync(TempDatabase database, int atLeast, Process process)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await CountPostsAsync(database) < atLeast)
        {
            if (process.HasExited && await CountPostsAsync(database) < atLeast)
            {
                Assert.Fail($"the import ended before {atLeast} posts were stored");
            }
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {atLeast} posts stored in time");
            await Task.Delay(20);
        }
    }

    private static async Task<long> CountPostsAsync(TempDatabase database)
    {
        await using var connection = await database.Get<SqliteConnectionFactory>().OpenAsync(default);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM posts");
    }

    private sealed record Snapshot(List<string> Posts, List<string> Classifications, List<string> Flags);

    /// <summary>What an import leaves behind, keyed by platform post id so two databases compare.</summary>
    private static async Task<Snapshot> SnapshotAsync(TempDatabase database)
    {
        await using var connection = await database.Get<SqliteConnectionFactory>().OpenAsync(default);
        var posts = await connection.QueryAsync<string>("""
            SELECT p.platform_post_id || ' v' || p.current_version || ' ' || group_concat(v.raw_sha256, ',')
            FROM posts p JOIN post_versions v ON v.post_id = p.id
            GROUP BY p.id ORDER BY p.platform_post_id
            """);
        var classifications = await connection.QueryAsync<string>("""
            SELECT p.platform_post_id || ' v' || c.post_version || ' ' || c.label || ' ' || c.model_version
            FROM classifications c JOIN posts p ON p.id = c.post_id
            ORDER BY p.platform_post_id, c.post_version
            """);
        var flags = await connection.QueryAsync<string>("""
            SELECT p.platform_post_id || ' ' || f.label || ' ' || c.post_version
            FROM flags f JOIN posts p ON p.id = f.post_id JOIN classifications c ON c.id = f.classification_id
            ORDER BY p.platform_post_id
            """);
        return new Snapshot(posts.ToList(), classifications.ToList(), flags.ToList());
    }
}
