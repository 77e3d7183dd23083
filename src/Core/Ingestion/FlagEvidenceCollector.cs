using Microsoft.Extensions.Logging;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Ingestion;

/// <summary>
/// Keeps, for each new flag, what its post's text does not carry: the images it showed and the post it replied to,
/// each with its SHA-256, so the case survives the post's deletion. It runs as a job shortly after flags are
/// created rather than inside the ingestion transaction, which must never wait on a media server; a flag is
/// collected once (what is missing then is recorded with the reason, never retried into a different record). It also
/// records the flagged text's <see cref="TextFingerprint"/>, by which the queue groups near-duplicates.
/// </summary>
public sealed class FlagEvidenceCollector(
    IEvidenceRepository evidence,
    IDuplicateRepository duplicates,
    IEvidenceFetcher fetcher,
    IPostRepository posts,
    IAccountRepository accounts,
    IEnumerable<IParentPostSource> parentSources,
    TimeProvider clock,
    ILogger<FlagEvidenceCollector> logger)
{
    /// <summary>Media items kept per post; the rest are recorded as skipped. Platforms allow four (X, Mastodon) to twenty (Instagram).</summary>
    public const int MaxMediaPerPost = 10;

    private const int BatchSize = 50;

    /// <summary>Collects the evidence of every flag still waiting for it; returns how many flags it collected.</summary>
    public async Task<int> CollectPendingAsync(CancellationToken ct)
    {
        var collected = 0;
        while (true)
        {
            var pending = await evidence.ListPendingAsync(BatchSize, ct);
            foreach (var flag in pending)
            {
                await CollectAsync(flag, ct);
            }
            collected += pending.Count;
            if (pending.Count < BatchSize)
            {
                return collected;
            }
        }
    }

    private async Task CollectAsync(PendingEvidence flag, CancellationToken ct)
    {
        var media = new List<CollectedMedia>();
        foreach (var (url, position) in flag.MediaUrls.Select((u, i) => (u, i)))
        {
            var item = position >= MaxMediaPerPost
                ? new CollectedMedia(url, null, null, $"more than {MaxMediaPerPost} media items on one post")
                : await fetcher.FetchMediaAsync(flag.Platform, url, ct);
            if (item.SkippedReason is { } reason)
            {
                Log.EvidenceMediaSkipped(logger, flag.FlagId, url, reason);
            }
            media.Add(item);
        }
        var parent = flag.ReplyToPostId is { Length: > 0 } parentId ? await ParentAsync(flag, parentId, ct) : null;
        // Before the evidence marks the flag collected: a crash in between leaves it pending, and the fingerprint is written once.
        await duplicates.RecordFingerprintAsync(flag.FlagId, TextFingerprint.Of(flag.Text), ct);
        await evidence.RecordAsync(flag.FlagId, media, parent, clock.GetUtcNow(), ct);
        Log.EvidenceCollected(logger, flag.FlagId, media.Count(m => m.SkippedReason is null), media.Count(m => m.SkippedReason is not null),
            parent is null ? "none" : parent.SkippedReason is null ? parent.Source : "not kept: " + parent.SkippedReason);
    }

    /// <summary>The parent as SocialWatch holds it (another watched account's post), else as its platform serves it now.</summary>
    private async Task<CollectedParent> ParentAsync(PendingEvidence flag, string parentId, CancellationToken ct)
    {
        if (await posts.FindIdAsync(flag.Platform, parentId, ct) is { } storedId && await posts.GetAsync(storedId, ct) is { RawPayload: not null } stored)
        {
            var author = await accounts.GetAsync(stored.AccountId, ct);
            return new CollectedParent(flag.Platform, parentId, "stored", author?.Handle, stored.CreatedAt, stored.Text, stored.Url, stored.RawPayload);
        }
        var source = parentSources.FirstOrDefault(s => s.Platform == flag.Platform);
        var account = await accounts.GetAsync(flag.AccountId, ct);
        if (source is null || account is null)
        {
            return new CollectedParent(flag.Platform, parentId, "fetched", SkippedReason: "this platform's posts cannot be read one by one");
        }
        try
        {
            return await source.FetchPostAsync(account, parentId, ct) is { } post
                ? new CollectedParent(flag.Platform, parentId, "fetched", post.AccountHandle, post.CreatedAt, post.Text, post.Url, post.RawPayload)
                : new CollectedParent(flag.Platform, parentId, "fetched", SkippedReason: "the platform says the post does not exist (deleted or not public)");
        }
        // Whatever the platform does (errors, an open circuit, timeouts), the flag's media are kept and the reason recorded.
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            return new CollectedParent(flag.Platform, parentId, "fetched", SkippedReason: "the platform did not answer: " + ex.Message);
        }
    }
}
