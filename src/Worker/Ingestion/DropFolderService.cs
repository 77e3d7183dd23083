using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Ingestion;

namespace SocialWatch.Worker.Ingestion;

/// <summary>
/// Ingests every settled <c>*.jsonl</c> / <c>*.jsonl.gz</c> file in the drop folder, oldest name first, and then
/// moves it to <c>processed/</c> with a <c>.report.txt</c> beside it listing rejected lines. A crash mid-file leaves
/// the file where it was; the next scan imports it again, and the idempotent pipeline stores nothing twice.
/// </summary>
public sealed class DropFolderService(
    FileImportService importer,
    IOptions<DropFolderOptions> options,
    TimeProvider time,
    ILogger<DropFolderService> logger)
{
    public const string ProcessedFolderName = "processed";

    public async Task<IReadOnlyList<(string File, ImportSummary Summary)>> ProcessAsync(CancellationToken ct)
    {
        var folder = Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(folder);
        var processedFolder = Path.Combine(folder, ProcessedFolderName);
        var done = new List<(string, ImportSummary)>();

        foreach (var file in SettledFiles(folder))
        {
            ct.ThrowIfCancellationRequested();
            var summary = await importer.ImportAsync(file, ct);
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
