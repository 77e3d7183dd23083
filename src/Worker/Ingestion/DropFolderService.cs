using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Ingestion;

namespace SocialWatch.Worker.Ingestion;

/// <summary>
/// Ingests every settled <c>*.jsonl</c> / <c>*.jsonl.gz</c> file in the drop folder, oldest name first, and then
/// moves it to <c>processed/</c> with a <c>.report.txt</c> beside it listing rejected lines. A crash mid-file leaves
/// the file where it was; the next scan imports it again, and the idempotent pipeline stores nothing twice. A file
/// whose import fails goes on to the next file; after <see cref="DropFolderOptions.MaxAttempts"/> failed scans it is
/// moved to <c>failed/</c> with an <c>.error.txt</c>, so it never blocks the files behind it.
/// </summary>
public sealed class DropFolderService(
    FileImportService importer,
    DropFolderFailures failures,
    IOptions<DropFolderOptions> options,
    TimeProvider time,
    ILogger<DropFolderService> logger)
{
    public const string ProcessedFolderName = "processed";
    public const string FailedFolderName = "failed";

    public async Task<IReadOnlyList<(string File, ImportSummary Summary)>> ProcessAsync(CancellationToken ct)
    {
        var folder = Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(folder);
        var processedFolder = Path.Combine(folder, ProcessedFolderName);
        var done = new List<(string, ImportSummary)>();

        foreach (var file in SettledFiles(folder))
        {
            ct.ThrowIfCancellationRequested();
            ImportSummary summary;
            try
            {
                summary = await importer.ImportAsync(file, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                await FailAsync(folder, file, ex, ct);
                continue;
            }
            failures.Forget(file);
            Directory.CreateDirectory(processedFolder);
            var target = FreeName(Path.Combine(processedFolder, Path.GetFileName(file)));
            if (summary.Rejected.Count > 0)
            {
                await File.WriteAllTextAsync(target + ".report.txt", Report(file, summary), Encoding.UTF8, ct);
                foreach (var rejected in summary.Rejected)
                {
                    Log.LineRejected(logger, Path.GetFileName(file), rejected.LineNumber, rejected.Reason);
                }
            }
            File.Move(file, target);
            Log.FileProcessed(logger, Path.GetFileName(file), summary.Totals.ToString(), summary.Rejected.Count, target);
            done.Add((file, summary));
        }
        return done;
    }

    private async Task FailAsync(string folder, string file, Exception ex, CancellationToken ct)
    {
        var attempts = failures.Count(file);
        if (attempts < options.Value.MaxAttempts)
        {
            Log.FileFailed(logger, ex, Path.GetFileName(file), attempts, options.Value.MaxAttempts);
            return;
        }
        failures.Forget(file);
        var failedFolder = Path.Combine(folder, FailedFolderName);
        Directory.CreateDirectory(failedFolder);
        var target = FreeName(Path.Combine(failedFolder, Path.GetFileName(file)));
        await File.WriteAllTextAsync(target + ".error.txt",
            $"{Path.GetFileName(file)} failed {attempts} times; the last error (what was stored before it stays stored, and moving the file back into the drop folder imports it again without duplicates):{Environment.NewLine}{ex}{Environment.NewLine}",
            Encoding.UTF8, ct);
        File.Move(file, target);
        Log.FileMovedToFailed(logger, ex, Path.GetFileName(file), attempts, target);
    }

    private List<string> SettledFiles(string folder)
    {
        var settledBefore = time.GetUtcNow().UtcDateTime - options.Value.SettleTime;
        return Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase))
            .Where(f => File.GetLastWriteTimeUtc(f) <= settledBefore)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A file dropped twice under the same name must not overwrite the first one's evidence.</summary>
    private string FreeName(string path)
    {
        if (!File.Exists(path))
        {
            return path;
        }
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var directory = Path.GetDirectoryName(path)!;
        var name = Path.GetFileName(path);
        for (var n = 1; ; n++)
        {
            var candidate = Path.Combine(directory, $"{stamp}-{n}-{name}");
            if (!File.Exists(candidate))
            {
                return candidate;
            }
        }
    }

    private static string Report(string file, ImportSummary summary)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)}: {summary.Totals}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{summary.Rejected.Count} lines rejected (the file beside this report is kept unchanged):");
        foreach (var rejected in summary.Rejected)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"line {rejected.LineNumber}: {rejected.Reason}");
        }
        return text.ToString();
    }
}

/// <summary>Failed import attempts per drop-folder file, kept across scans for the life of the process.</summary>
public sealed class DropFolderFailures
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> attempts = new(StringComparer.Ordinal);

    /// <summary>Counts one more failure of <paramref name="file"/> and returns how many there have been.</summary>
    public int Count(string file) => attempts.AddOrUpdate(file, 1, (_, n) => n + 1);

    public void Forget(string file) => attempts.TryRemove(file, out _);
}
