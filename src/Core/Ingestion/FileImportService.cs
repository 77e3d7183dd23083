using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Ingestion;

/// <summary>One line of an import file: the mapped post, or why the line could not be mapped.</summary>
/// <param name="LineNumber">1-based line number in the file.</param>
/// <param name="DeletedAt">When the exporter knows the post was removed from the platform.</param>
public sealed record ImportLine(int LineNumber, FetchedPost? Post, string? Error, DateTimeOffset? DeletedAt = null);

/// <summary>A line that was not ingested, and why. The file itself is kept, so nothing is lost.</summary>
public sealed record RejectedLine(int LineNumber, string Reason);

public sealed record ImportSummary(IngestionTotals Totals, IReadOnlyList<RejectedLine> Rejected);

/// <summary>Reads an import file (docs/jsonl-import.md) line by line, lazily, so a large file takes flat memory.</summary>
public interface IImportFileReader
{
    IAsyncEnumerable<ImportLine> ReadAsync(string path, CancellationToken ct);
}

/// <summary>
/// Ingests an exported file: each post is matched to a registered account by platform and handle and goes
/// through the same store → classify → flag pipeline as a polled post. Lines that cannot be mapped, and posts
/// of accounts we do not watch, are reported with their line numbers, never silently dropped.
/// </summary>
public sealed class FileImportService(
    IImportFileReader reader,
    PostPipeline pipeline,
    IAccountRepository accounts,
    TimeProvider time,
    ILogger<FileImportService> logger)
{
    /// <summary>
    /// Posts per transaction: large enough that the per-commit cost vanishes, small enough that a crash redoes
    /// little and memory stays flat.
    /// </summary>
    public const int BatchSize = 500;

    /// <summary>
    /// Reads and classifies on the calling thread while a second task writes the previous batch (the two halves
    /// take similar time, so on two cores this nearly halves an import). At most two batches wait in between.
    /// </summary>
    public async Task<ImportSummary> ImportAsync(string path, CancellationToken ct)
    {
        var totals = new IngestionTotals();
        var rejected = new List<RejectedLine>();
        var fetchedAt = time.GetUtcNow();
        var batches = Channel.CreateBounded<IngestItem[]>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var storing = Task.Run(() => StoreAllAsync(batches, fetchedAt, totals, ct), ct);
        try
        {
            await ReadAndClassifyAsync(path, batches.Writer, rejected, ct);
            batches.Writer.Complete();
        }
        catch (ChannelClosedException)
        {
            // The store failed and closed the channel; its exception is the one that matters, thrown below.
        }
        catch
        {
            batches.Writer.TryComplete();
            await Task.WhenAny(storing);
            throw;
        }
        await storing;

        Log.FileImported(logger, Path.GetFileName(path), totals.Read, totals.Inserted, totals.NewVersions, totals.Flagged, rejected.Count);
        return new ImportSummary(totals, rejected);
    }

    private async Task ReadAndClassifyAsync(string path, ChannelWriter<IngestItem[]> batches, List<RejectedLine> rejected, CancellationToken ct)
    {
        var accountsByKey = new Dictionary<(Platform, string), WatchedAccount?>();
        var regionOf = new Dictionary<long, string?>();
        var batch = new List<AccountPost>(BatchSize);
        await foreach (var line in reader.ReadAsync(path, ct))
        {
            if (line.Post is not { } post)
            {
                rejected.Add(new RejectedLine(line.LineNumber, line.Error ?? "the line could not be read"));
                continue;
            }

            var key = (post.Platform, post.AccountHandle.TrimStart('@').ToUpperInvariant());
            if (!accountsByKey.TryGetValue(key, out var account))
            {
                account = await accounts.FindAsync(post.Platform, post.AccountHandle.TrimStart('@'), ct);
                accountsByKey[key] = account;
            }
            if (account is null)
            {
                rejected.Add(new RejectedLine(line.LineNumber, $"no registered {post.Platform.ToCode()} account '{post.AccountHandle}'"));
                continue;
            }
            if (account.Status == AccountStatus.Disabled)
            {
                rejected.Add(new RejectedLine(line.LineNumber, $"{post.Platform.ToCode()} account '{post.AccountHandle}' is disabled"));
                continue;
            }

            if (!regionOf.TryGetValue(account.Id, out var region))
            {
                region = await accounts.GetRegionCodeAsync(account.Id, ct);
                regionOf[account.Id] = region;
            }
            batch.Add(new AccountPost(account.Id, post, line.DeletedAt, region));
            if (batch.Count == BatchSize)
            {
                await batches.WriteAsync(pipeline.Classify(batch), ct);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await batches.WriteAsync(pipeline.Classify(batch), ct);
        }
    }

    private async Task StoreAllAsync(Channel<IngestItem[]> batches, DateTimeOffset fetchedAt, IngestionTotals totals, CancellationToken ct)
    {
        try
        {
            await foreach (var items in batches.Reader.ReadAllAsync(ct))
            {
                foreach (var outcome in await pipeline.StoreAsync(items, fetchedAt, ct))
                {
                    totals.Add(outcome);
                }
                totals.AddDeleted(items.Count(i => i.DeletedAt is not null));
            }
        }
        catch (Exception ex)
        {
            batches.Writer.TryComplete(ex);
            throw;
        }
    }
}
