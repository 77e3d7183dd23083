namespace SocialWatch.Core.Domain;

/// <summary>
/// One media item of a flagged post, kept so the case survives the post's deletion: the bytes (read back through
/// <see cref="Ports.IEvidenceRepository.GetMediaAsync"/>) with their SHA-256, or why they were not kept.
/// </summary>
/// <param name="ContentType">One of <see cref="EvidenceImageTypes.Allowed"/>, read from the bytes; null when skipped.</param>
/// <param name="SkippedReason">Why nothing was kept (too large, not an allowed image, the server's answer); null when kept.</param>
public sealed record EvidenceMedia(
    long Id,
    long FlagId,
    int Position,
    string SourceUrl,
    string? ContentType,
    long? ByteCount,
    string? Sha256,
    string? SkippedReason,
    DateTimeOffset FetchedAt);

/// <summary>The post a flagged reply answered, as it was when the flag's evidence was collected.</summary>
/// <param name="Source">Where it came from: <c>stored</c> (a post SocialWatch holds), <c>fetched</c> (asked of the platform).</param>
/// <param name="SkippedReason">Why the parent is not kept (not available from this platform, gone); null when kept.</param>
public sealed record EvidenceParent(
    long FlagId,
    Platform Platform,
    string PlatformPostId,
    string? AccountHandle,
    DateTimeOffset? CreatedAt,
    string? Text,
    string? Url,
    string? RawPayload,
    string? Sha256,
    string Source,
    string? SkippedReason,
    DateTimeOffset FetchedAt);

/// <summary>The evidence collected for a flag beyond its post's text; <see cref="CollectedAt"/> null while it waits for collection.</summary>
public sealed record FlagEvidence(IReadOnlyList<EvidenceMedia> Media, EvidenceParent? Parent, DateTimeOffset? CollectedAt)
{
    public static FlagEvidence None { get; } = new([], null, null);
}

/// <summary>A media item's kept bytes, for serving back to a reviewer of the flag's agency.</summary>
public sealed record EvidenceMediaContent(long MediaId, long FlagId, long AgencyId, string ContentType, byte[] Content, string Sha256);

/// <summary>
/// The image types kept as evidence and served back, recognised from their first bytes (never from what the remote
/// server or the file name claims): JPEG, PNG, GIF and WebP. SVG is left out on purpose: it can carry script.
/// </summary>
public static class EvidenceImageTypes
{
    public static IReadOnlyList<string> Allowed { get; } = ["image/jpeg", "image/png", "image/gif", "image/webp"];

    /// <summary>The allowed type the bytes begin like, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head) => head switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => "image/gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };
}
