using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Review;

/// <summary>Kept media served back to reviewers, scoped like <see cref="FlagReviewService"/>: another agency's media reads as missing.</summary>
public sealed class EvidenceService(IEvidenceRepository evidence)
{
    /// <summary>The media item if it is kept, of an allowed image type, and of a flag the user may see; null otherwise.</summary>
    public async Task<EvidenceMediaContent?> MediaAsync(ConsoleUser user, long mediaId, CancellationToken ct)
    {
        var media = await evidence.GetMediaAsync(mediaId, ct);
        return media is not null && user.CanSee(media.AgencyId) && EvidenceImageTypes.Allowed.Contains(media.ContentType) ? media : null;
    }
}
