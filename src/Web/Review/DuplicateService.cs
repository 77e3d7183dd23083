using SocialWatch.Core.Ports;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Review;

/// <summary>Near-duplicate groups in the user's scope: an officer counts and sees only their agencies' flags of a group.</summary>
public sealed class DuplicateService(IDuplicateRepository duplicates)
{
    /// <summary>Most flags a group page lists.</summary>
    public const int GroupLimit = 500;

    public Task<IReadOnlyDictionary<long, DuplicateGroup>> GroupsAsync(ConsoleUser user, IReadOnlyList<FlagSummary> rows, CancellationToken ct) =>
        duplicates.GroupsOfAsync([.. rows.Select(r => r.Flag.Id)], user.AgencyScope, ct);

    public Task<IReadOnlyList<DuplicateMember>> ListAsync(ConsoleUser user, string fingerprint, CancellationToken ct) =>
        duplicates.ListAsync(fingerprint, user.AgencyScope, GroupLimit, ct);
}
