using System.Globalization;
using System.Text.Json;
using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Storage.Sqlite;

namespace SocialWatch.Testing;

/// <summary>
/// A large posts.v1 export for the kill tests (flag-worthy and everyday posts over several accounts, with edits later
/// in the file), the registry it needs, and a snapshot of what an import left behind, to compare two databases.
/// </summary>
public static class LargeExport
{
    public const int Accounts = 5;

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

    /// <summary>Writes the export; every 20th post is edited later in the file (same id, new text). Returns the number of distinct posts.</summary>
    public static int Write(string path, int posts)
    {
        using var writer = new StreamWriter(path);
        var start = new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.FromHours(7));
        var edits = new List<int>();
        for (var i = 0; i < posts; i++)
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
        return posts;
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

    /// <summary>A migrated database with the export's accounts registered.</summary>
    public static async Task<TempDatabase> CreateRegistryAsync()
    {
        var database = await TempDatabase.CreateAsync();
        for (var n = 1; n <= Accounts; n++)
        {
            await SampleRegistry.AddAccountAsync(database, nipSequence: n, platform: Platform.Mastodon, handle: $"pegawai{n}@kotamaju.example");
        }
        return database;
    }

    public static async Task<long> CountPostsAsync(TempDatabase database)
    {
        await using var connection = await database.Get<SqliteConnectionFactory>().OpenAsync(default);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM posts");
    }

    public sealed record Snapshot(List<string> Posts, List<string> Classifications, List<string> Flags);

    /// <summary>What an import leaves behind, keyed by platform post id so two databases compare.</summary>
    public static async Task<Snapshot> SnapshotAsync(TempDatabase database)
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
