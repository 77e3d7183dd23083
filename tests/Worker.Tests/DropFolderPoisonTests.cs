using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;
using SocialWatch.Worker.Ingestion;

namespace SocialWatch.Worker.Tests;

/// <summary>
/// The drop folder over a real SQLite file: a post the classifier throws on does not stop its file, and a file that
/// cannot be imported at all is set aside after a few scans instead of blocking the files behind it.
/// </summary>
public sealed class DropFolderPoisonTests
{
    private static string Line(string id, string text) =>
        $$$"""{"schema":"posts.v1","platform":"threads","platform_post_id":"{{{id}}}","account":{"handle":"dewilestari"},"created_at":"2024-11-20T08:00:00+07:00","text":"{{{text}}}","source":{"tool":"manual","exported_at":"2024-11-25T00:00:00Z"}}""";

    [Fact]
    public async Task A_poison_post_is_stored_without_a_verdict_and_its_file_and_the_next_file_are_imported()
    {
        await using var database = await TempDatabase.CreateAsync(configure: TempDatabase.WithPoisonClassifier);
        await SampleRegistry.AddAccountAsync(database, platform: Platform.Threads, handle: "dewilestari");
        var inbox = Path.Combine(database.DataDirectory, "inbox");
        Directory.CreateDirectory(inbox);
        await File.WriteAllLinesAsync(Path.Combine(inbox, "a.jsonl"), [Line("1", "Selamat pagi"), Line("2", "Pilih nomor 1 " + PoisonClassifier.Marker), Line("3", "Rapat jam 9")]);
        await File.WriteAllLinesAsync(Path.Combine(inbox, "b.jsonl"), [Line("4", "Apel pagi di halaman kantor")]);
        SettleAll(inbox);

        var done = await ScanAsync(database, inbox);

        Assert.Equal(["a.jsonl", "b.jsonl"], done.Select(d => Path.GetFileName(d.File)));
        Assert.Equal((3, 1), (done[0].Summary.Totals.Inserted, done[0].Summary.Totals.ClassificationFailed));
        Assert.True(File.Exists(Path.Combine(inbox, "processed", "a.jsonl")));
        Assert.True(File.Exists(Path.Combine(inbox, "processed", "b.jsonl")));
        var failure = Assert.Single(await database.Get<IPostRepository>().ListClassificationFailuresAsync(10));
        Assert.Equal("2", failure.PlatformPostId);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_moved_to_failed_after_the_configured_scans_and_the_next_file_goes_on()
    {
        await using var database = await TempDatabase.CreateAsync();
        await SampleRegistry.AddAccountAsync(database, platform: Platform.Threads, handle: "dewilestari");
        var inbox = Path.Combine(database.DataDirectory, "inbox");
        Directory.CreateDirectory(inbox);
        // A gzip file damaged in transit: the deflate data after the header is garbage, so reading it throws.
        var broken = Gzip(string.Join('\n', Enumerable.Range(1, 200).Select(i => Line($"{i}", $"Kabar kantor nomor {i}"))));
        for (var i = 20; i < 60; i++)
        {
            broken[i] = 0xff;
        }
        await File.WriteAllBytesAsync(Path.Combine(inbox, "a-broken.jsonl.gz"), broken);
        await File.WriteAllBytesAsync(Path.Combine(inbox, "b.jsonl.gz"), Gzip(Line("4", "Apel pagi di halaman kantor")));
        SettleAll(inbox);
        var failures = new DropFolderFailures();

        var first = await ScanAsync(database, inbox, failures);
        var second = await ScanAsync(database, inbox, failures);

        Assert.Equal(["b.jsonl.gz"], first.Select(d => Path.GetFileName(d.File))); // the broken file did not block it
        Assert.Empty(second);
        Assert.False(File.Exists(Path.Combine(inbox, "a-broken.jsonl.gz")));
        Assert.True(File.Exists(Path.Combine(inbox, "failed", "a-broken.jsonl.gz")));
        var error = await File.ReadAllTextAsync(Path.Combine(inbox, "failed", "a-broken.jsonl.gz.error.txt"));
        Assert.Contains("failed 2 times", error, StringComparison.Ordinal);
        Assert.Contains("InvalidDataException", error, StringComparison.Ordinal);
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }
        return buffer.ToArray();
    }

    private static void SettleAll(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
        }
    }

    private static async Task<IReadOnlyList<(string File, ImportSummary Summary)>> ScanAsync(TempDatabase database, string inbox, DropFolderFailures? failures = null)
    {
        await using var scope = database.Services.CreateAsyncScope();
        var service = new DropFolderService(
            scope.ServiceProvider.GetRequiredService<FileImportService>(),
            failures ?? new DropFolderFailures(),
            Options.Create(new DropFolderOptions { Path = inbox, SettleTime = TimeSpan.Zero, MaxAttempts = 2 }),
            TimeProvider.System,
            NullLogger<DropFolderService>.Instance);
        return await service.ProcessAsync(CancellationToken.None);
    }
}
