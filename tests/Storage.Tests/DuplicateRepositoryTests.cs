using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Storage.Tests;

/// <summary>Near-duplicate groups by text fingerprint: counted per flag across accounts, within an agency scope.</summary>
public abstract class DuplicateRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Flags_sharing_a_fingerprint_across_accounts_are_grouped_within_the_scope()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (a, _, budi) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 1);
        var (_, _, ani) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 2);
        var (b, _, dewi) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-B", 3);
        var one = await FlagAsync(database, budi, "b1", T0);
        var two = await FlagAsync(database, ani, "a1", T0.AddMinutes(1));
        var three = await FlagAsync(database, dewi, "d1", T0.AddMinutes(2));
        var sameAccount = await FlagAsync(database, budi, "b2", T0.AddMinutes(3));
        var alone = await FlagAsync(database, budi, "b3", T0.AddMinutes(4));
        var duplicates = database.Get<IDuplicateRepository>();
        foreach (var id in new[] { one, two, three })
        {
            await duplicates.RecordFingerprintAsync(id, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        }
        await duplicates.RecordFingerprintAsync(sameAccount, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        await duplicates.RecordFingerprintAsync(one, "cccccccccccccccccccccccccccccccc");
        await duplicates.RecordFingerprintAsync(alone, null);

        var all = await duplicates.GroupsOfAsync([one, two, three, sameAccount, alone], null);
        var onlyA = await duplicates.GroupsOfAsync([one, two, three], [a.Id]);
        var onlyB = await duplicates.GroupsOfAsync([three], [b.Id]);
        var members = await duplicates.ListAsync("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", [a.Id], 10);

        Assert.Equal([one, two, three], all.Keys.Order());
        Assert.Equal(new DuplicateGroup("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 3, 3), all[one]);
        Assert.Equal(new DuplicateGroup("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 2, 2), onlyA[two]);
        Assert.False(onlyA.ContainsKey(three));
        Assert.Empty(onlyB);
        Assert.Empty(await duplicates.GroupsOfAsync([one], []));
        Assert.Equal([two, one], members.Select(m => m.FlagId));
        Assert.Equal(("Posting a1", Platform.Mastodon, FlagStatus.Open), (members[0].Excerpt, members[0].Platform, members[0].Status));
        Assert.Equal(3, (await duplicates.ListAsync("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", null, 10)).Count);
    }

    private static async Task<long> FlagAsync(TempDatabase database, WatchedAccount account, string postId, DateTimeOffset at)
    {
        var post = (await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched(postId, "Posting " + postId, account.Platform), at)).Post;
        var classification = await database.Get<IClassificationRepository>().SaveAsync(post.Id, 1, SamplePosts.Classified(Label.Campaign, 0.9), at);
        return (await database.Get<IFlagRepository>().CreateIfAbsentAsync(post.Id, classification.Id, Label.Campaign, 0.9, at)).Flag.Id;
    }
}

public sealed class SqliteDuplicateRepositoryTests() : DuplicateRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresDuplicateRepositoryTests() : DuplicateRepositoryTests(DatabaseEngine.Postgres);
