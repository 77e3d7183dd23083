using System.Diagnostics;
using SocialWatch.Testing;

namespace SocialWatch.Cli.Tests;

/// <summary>
/// `socialwatch ingest --file` as a real process, killed with SIGKILL at several points of a large import and
/// restarted: every post, version, classification and flag ends up exactly as in an uninterrupted run.
/// </summary>
public sealed class IngestKillTests
{
    private const int Posts = 30_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Killed_at_several_points_and_restarted_stores_every_post_and_flag_exactly_once()
    {
        using var work = new TempDirectory();
        var file = Path.Combine(work.Path, "export.jsonl");
        var distinctPosts = LargeExport.Write(file, Posts);

        await using var reference = await LargeExport.CreateRegistryAsync();
        Assert.Equal(0, await RunToEndAsync(reference, file));
        var expected = await LargeExport.SnapshotAsync(reference);
        Assert.Equal(distinctPosts, expected.Posts.Count);
        Assert.NotEmpty(expected.Flags);

        await using var killed = await LargeExport.CreateRegistryAsync();
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
            storedAtKill.Add(await LargeExport.CountPostsAsync(killed));
        }
        Assert.True(storedAtKill[0] < distinctPosts, $"the first kill came after the import ended ({storedAtKill[0]} posts)");
        Assert.Equal(0, await RunToEndAsync(killed, file));

        var actual = await LargeExport.SnapshotAsync(killed);
        Assert.Equal(expected.Posts, actual.Posts);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.Classifications, actual.Classifications);
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
        while (await LargeExport.CountPostsAsync(database) < atLeast)
        {
            if (process.HasExited && await LargeExport.CountPostsAsync(database) < atLeast)
            {
                Assert.Fail($"the import ended before {atLeast} posts were stored");
            }
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {atLeast} posts stored in time");
            await Task.Delay(20);
        }
    }
}
