using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Ingestion;

/// <summary>
/// Purges the text and payload of unflagged posts older than <see cref="RetentionOptions.Days"/>. Flagged posts,
/// their versions and classifications are evidence and stay; a purged post keeps its hash, ids and times.
/// </summary>
public sealed class RetentionService(IPostRepository posts, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionService> logger)
{
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddDays(-options.Value.Days);
        var purged = await posts.PurgeUnflaggedAsync(cutoff, now, ct);
        Log.Purged(logger, purged, options.Value.Days, cutoff);
        return purged;
    }
}
