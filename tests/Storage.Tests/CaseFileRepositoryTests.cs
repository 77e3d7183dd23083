using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Storage.Tests;

/// <summary>What the employee's case file reads: one person's accounts, flags and decisions, and the queue's repeat count.</summary>
public abstract class CaseFileRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task A_persons_flags_across_accounts_come_together_newest_first_within_the_agency_scope()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (a, budi, mastodon) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 1, handle: "budi");
        var (_, _, x) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 1, Platform.X, handle: "budi_x");
        var (b, _, ani) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-B", 2, Platform.X, handle: "ani");
        var flags = database.Get<IFlagRepository>();
        var user = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "hash", [a.Id], T0);
        var first = await FlagAsync(database, mastodon, "m1", Label.Endorse, T0);
        var second = await FlagAsync(database, x, "x1", Label.Campaign, T0.AddHours(1));
        var third = await FlagAsync(database, mastodon, "m2", Label.Oppose, T0.AddHours(2));
        var other = await FlagAsync(database, ani, "a1", Label.Endorse, T0.AddHours(3));
        await flags.RecordDecisionAsync(first, user.Id, DecisionKind.Dismiss, null, "bukan kampanye", T0.AddDays(1));
        await flags.RecordDecisionAsync(second, user.Id, DecisionKind.Note, null, "periksa lagi", T0.AddDays(1));
        await flags.RecordDecisionAsync(other, user.Id, DecisionKind.Note, null, "instansi lain", T0.AddDays(1));

        var theirs = await flags.ListByStaffAsync(budi.Id, null);
        var scopedAway = await flags.ListByStaffAsync(budi.Id, [b.Id]);
        var decisions = await flags.ListDecisionsAsync([first, second, third]);
        var accounts = await database.Get<IAccountRepository>().ListByStaffAsync(budi.Id);
        var queue = await flags.QueryAsync(new FlagQuery { Statuses = null });

        Assert.Equal([third, second, first], theirs.Select(f => f.Flag.Id));
        Assert.Equal([Platform.Mastodon, Platform.X, Platform.Mastodon], theirs.Select(f => f.Platform));
        Assert.Equal(FlagStatus.Dismissed, theirs[2].Flag.Status);
        Assert.Empty(scopedAway);
        Assert.Equal([(first, "bukan kampanye"), (second, "periksa lagi")], decisions.Select(d => (d.FlagId, d.Reason)));
        Assert.Empty(await flags.ListDecisionsAsync([]));
        Assert.Equal(["budi", "budi_x"], accounts.Select(acc => acc.Handle));
        Assert.All(queue.Items, row => Assert.Equal(row.Flag.Id == other ? 1 : 3, row.StaffFlagCount));
    }

    private static async Task<long> FlagAsync(TempDatabase database, WatchedAccount account, string postId, Label label, DateTimeOffset at)
    {
        var post = (await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched(postId, "Posting " + postId, account.Platform), at)).Post;
        var classification = await database.Get<IClassificationRepository>().SaveAsync(post.Id, 1, SamplePosts.Classified(label, 0.9), at);
        return (await database.Get<IFlagRepository>().CreateIfAbsentAsync(post.Id, classification.Id, label, 0.9, at)).Flag.Id;
    }
}

public sealed class SqliteCaseFileRepositoryTests() : CaseFileRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresCaseFileRepositoryTests() : CaseFileRepositoryTests(DatabaseEngine.Postgres);
