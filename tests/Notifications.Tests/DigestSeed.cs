using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Notifications.Tests;

internal static class DigestSeed
{
    /// <summary>An agency with one watched account, one flagged post with the given text, and officer "siti" of that agency.</summary>
    public static async Task<(User Officer, long FlagId)> OfficerWithFlagAsync(TempDatabase database, string text, DateTimeOffset flaggedAt)
    {
        var (agency, _, account) = await SampleRegistry.AddAccountAsync(database);
        var stored = await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched("p1", text), flaggedAt);
        var classification = await database.Get<IClassificationRepository>().SaveAsync(stored.Post.Id, stored.Post.Version, SamplePosts.Classified(Label.Endorse), flaggedAt);
        var (flag, _) = await database.Get<IFlagRepository>().CreateIfAbsentAsync(stored.Post.Id, classification.Id, Label.Endorse, 0.91, flaggedAt);
        var officer = await database.Get<IUserRepository>().AddAsync("siti", "Siti <Petugas>", "siti@kotamaju.example", Role.Officer, "x", [agency.Id], flaggedAt);
        return (officer, flag.Id);
    }
}
