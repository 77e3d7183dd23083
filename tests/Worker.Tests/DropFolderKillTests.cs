using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Ingestion;
using SocialWatch.Testing;

namespace SocialWatch.Worker.Tests;

/// <summary>The service killed (SIGKILL) while its drop-folder job imports a large file, then started again.</summary>
public sealed class DropFolderKillTests
{
    private const int Posts = 20_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_file_half_imported_when_the_service_is_killed_is_finished_after_restart_exactly_once()
    {
        using var work = new TempDirectory();
        var export = Path.Combine(work.Path, "export.jsonl");
        LargeExport.Write(export, Posts);

        await using var reference = await LargeExport.CreateRegistryAsync();
        await using (var scope = reference.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FileImportService>().ImportAsync(export, CancellationToken.None);
        }
        var expected = await LargeExport.SnapshotAsync(reference);

        await using var database = await LargeExport.CreateRegistryAsync();
        var inbox = Path.Combine(database.DataDirectory, "inbox");
        Directory.CreateDirectory(inbox);
        File.Copy(export, Path.Combine(inbox, "export.jsonl"));
        string[] settings = [$"--Storage:DataDirectory={database.DataDirectory}", "--DropFolder:Enabled=true", $"--DropFolder:Path={inbox}",
            "--DropFolder:ScanInterval=00:00:01", "--DropFolder:SettleTime=00:00:00", "--Samples:Enabled=false"];

        using (var worker = WorkerProcess.Start(database.DataDirectory, settings))
        {
            await WaitForAsync(async () => await LargeExport.CountPostsAsync(database) >= Posts / 2);
        } // disposing kills the process tree: SIGKILL, no shutdown code runs
        Assert.True(File.Exists(Path.Combine(inbox, "export.jsonl")), "the half-imported file must wait in the inbox");
        Assert.True(await LargeExport.CountPostsAsync(database) < Posts, "the kill came after the import ended");

        using (var restarted = WorkerProcess.Start(database.DataDirectory, settings))
        {
            await WaitForAsync(() => Task.FromResult(File.Exists(Path.Combine(inbox, "processed", "export.jsonl"))));
            await restarted.TerminateAsync();
            await restarted.WaitForExitAsync(Patience);
        }

        var actual = await LargeExport.SnapshotAsync(database);
        Assert.Equal(expected.Posts, actual.Posts);
        Assert.Equal(expected.Classifications, actual.Classifications);
        Assert.Equal(expected.Flags, actual.Flags);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
