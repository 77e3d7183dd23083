using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Storage.Tests;

/// <summary>The officers' chosen labels and the closing decisions learning reads, on both engines.</summary>
public abstract class DecisionExampleRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task A_confirmation_awaiting_its_second_officer_or_a_reopened_flag_teaches_nothing_until_decided_again()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (agency, _, account) = await SampleRegistry.AddAccountAsync(database);
        var flags = database.Get<IFlagRepository>();
        var users = database.Get<IUserRepository>();
        var siti = await users.AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "hash", [agency.Id], T0);
        var budi = await users.AddAsync("budi", "Budi", "budi@kotamaju.example", Role.Officer, "hash", [agency.Id], T0);
        var outcomes = await database.Get<IIngestionStore>().StoreAsync(
            [new IngestItem(account.Id, SamplePosts.Fetched("1", "Coblos nomor 2"), SamplePosts.Classified(Label.Endorse)),
             new IngestItem(account.Id, SamplePosts.Fetched("2", "Ayo ke TPS pilih 01"), SamplePosts.Classified(Label.Campaign))], T0);
        var (awaiting, reopened) = (outcomes[0].FlagId!.Value, outcomes[1].FlagId!.Value);
        await flags.RecordTransitionAsync(awaiting, siti.Id, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "ajakan", Label.Campaign, [FlagStatus.Open], FlagStatus.AwaitingSecondReview, T0.AddHours(1));
        await flags.RecordDecisionAsync(reopened, siti.Id, DecisionKind.Dismiss, null, "berita", Label.Civic, T0.AddHours(1));
        await flags.RecordTransitionAsync(reopened, budi.Id, DecisionKind.Reopen, null, "ada nomor urut", null, [FlagStatus.Dismissed], FlagStatus.Open, T0.AddHours(2));
        var examples = database.Get<IDecisionExampleRepository>();

        Assert.Empty(await examples.ListDecidedAsync());

        await flags.RecordTransitionAsync(awaiting, budi.Id, DecisionKind.Agree, null, null, null, [FlagStatus.AwaitingSecondReview], FlagStatus.Confirmed, T0.AddHours(3));
        await flags.RecordTransitionAsync(reopened, budi.Id, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "ajakan ke TPS", null, [FlagStatus.Open], FlagStatus.Confirmed, T0.AddHours(3));

        Assert.Equal([(awaiting, DecisionKind.Confirm, (Label?)Label.Campaign), (reopened, DecisionKind.Confirm, null)],
            (await examples.ListDecidedAsync()).Select(d => (d.FlagId, d.Kind, d.Label)));
    }

    [SkippableFact]
    public async Task Lists_the_last_closing_decision_of_each_flag_with_the_chosen_label_and_the_flagged_text()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (agency, _, account) = await SampleRegistry.AddAccountAsync(database);
        var store = database.Get<IIngestionStore>();
        var flags = database.Get<IFlagRepository>();
        var officer = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "hash", [agency.Id], T0);
        var outcomes = await store.StoreAsync(
            [new IngestItem(account.Id, SamplePosts.Fetched("1", "Coblos nomor 2"), SamplePosts.Classified(Label.Endorse)),
             new IngestItem(account.Id, SamplePosts.Fetched("2", "Rapat pemilu"), SamplePosts.Classified(Label.Campaign)),
             new IngestItem(account.Id, SamplePosts.Fetched("3", "Masih terbuka"), SamplePosts.Classified(Label.Oppose))], T0);
        var (first, second, open) = (outcomes[0].FlagId!.Value, outcomes[1].FlagId!.Value, outcomes[2].FlagId!.Value);

        await flags.RecordDecisionAsync(first, officer.Id, DecisionKind.Note, null, "cek dulu", T0.AddHours(1));
        var confirm = await flags.RecordDecisionAsync(first, officer.Id, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "ajakan", Label.Campaign, T0.AddHours(2));
        await flags.RecordDecisionAsync(second, officer.Id, DecisionKind.Dismiss, null, "berita", Label.Civic, T0.AddHours(3));
        await flags.RecordDecisionAsync(open, officer.Id, DecisionKind.Escalate, null, "perlu supervisor", T0.AddHours(4));

        var decided = await database.Get<IDecisionExampleRepository>().ListDecidedAsync();

        Assert.Equal(Label.Campaign, confirm.Label);
        Assert.Equal(Label.Campaign, (await flags.GetDetailAsync(first))!.History[^1].Label);
        Assert.Equal(
            [new DecidedPost(first, DecisionKind.Confirm, Label.Campaign, Label.Endorse, T0.AddHours(2), "KOTAMAJU", "Coblos nomor 2\nFoto kegiatan"),
             new DecidedPost(second, DecisionKind.Dismiss, Label.Civic, Label.Campaign, T0.AddHours(3), "KOTAMAJU", "Rapat pemilu\nFoto kegiatan")],
            decided);
        await Assert.ThrowsAsync<DomainValidationException>(() => flags.RecordDecisionAsync(open, officer.Id, DecisionKind.Dismiss, null, "x", Label.Endorse, T0));
        await Assert.ThrowsAsync<DomainValidationException>(() => flags.RecordDecisionAsync(open, officer.Id, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "x", Label.Other, T0));
    }
}

public sealed class SqliteDecisionExampleRepositoryTests() : DecisionExampleRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresDecisionExampleRepositoryTests() : DecisionExampleRepositoryTests(DatabaseEngine.Postgres);

/// <summary>The models table: every candidate recorded, the active model is the one activated last, rollback by version.</summary>
public abstract class ModelRegistryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    private static ModelRecord Model(string version, DateTimeOffset? activatedAt = null, bool promoted = false) =>
        new(0, version, $"/models/{version}.zip", T0, ModelOrigin.Retrained, 6000, 80, 20, """{"activeVersion":"x","sets":[]}""", promoted, "because", activatedAt);

    [SkippableFact]
    public async Task Records_candidates_activates_the_latest_and_rolls_back_by_version()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var registry = database.Get<IModelRegistry>();

        Assert.Null(await registry.GetActiveAsync());
        var shipped = await registry.AddAsync(Model("mlnet-shipped", T0, promoted: true) with { Origin = ModelOrigin.Shipped });
        var rejected = await registry.AddAsync(Model("mlnet-rejected"));
        var promoted = await registry.AddAsync(Model("mlnet-promoted"));
        await registry.ActivateAsync("mlnet-promoted", T0); // the same millisecond as the shipped model's activation still wins

        Assert.Equal("mlnet-promoted", (await registry.GetActiveAsync())!.Version);
        Assert.Equal([promoted.Id, rejected.Id, shipped.Id], (await registry.ListAsync()).Select(m => m.Id));
        Assert.Equal((ModelOrigin.Shipped, true, 6000, 80, 20), (shipped.Origin, shipped.Promoted, shipped.TrainingRows, shipped.DecisionRows, shipped.HeldBackRows));
        Assert.False(rejected.Promoted);
        Assert.Null(rejected.ActivatedAt);

        var rolledBack = await registry.ActivateAsync("mlnet-shipped", T0.AddMinutes(1));
        Assert.Equal(shipped.Id, rolledBack!.Id);
        Assert.Equal("mlnet-shipped", (await registry.GetActiveAsync())!.Version);
        Assert.Null(await registry.ActivateAsync("mlnet-unknown", T0.AddMinutes(2)));
        Assert.Equal("mlnet-shipped", (await registry.GetActiveAsync())!.Version);
    }
}

public sealed class SqliteModelRegistryTests() : ModelRegistryTests(DatabaseEngine.Sqlite);

public sealed class PostgresModelRegistryTests() : ModelRegistryTests(DatabaseEngine.Postgres);

/// <summary>The recall sample's rows: queued once per post, counted against nobody until confirmed, and the figures the dashboard estimates from.</summary>
public abstract class RecallSampleRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Samples_unflagged_posts_count_against_nobody_unless_confirmed_and_feed_the_stats()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (agency, staffMember, account) = await SampleRegistry.AddAccountAsync(database);
        var store = database.Get<IIngestionStore>();
        var outcomes = await store.StoreAsync(
            [new IngestItem(account.Id, SamplePosts.Fetched("1", "Coblos nomor 2"), SamplePosts.Classified(Label.Endorse)),
             new IngestItem(account.Id, SamplePosts.Fetched("2", "Pagi yang cerah"), SamplePosts.Classified(Label.Other, 0.7)),
             new IngestItem(account.Id, SamplePosts.Fetched("3", "Hasil rapat"), SamplePosts.Classified(Label.Civic, 0.6))], T0);
        await store.StoreAsync([new IngestItem(account.Id, SamplePosts.Fetched("4", "Kemarin"), SamplePosts.Classified(Label.Other))], T0.AddDays(-2));
        var recall = database.Get<IRecallSampleRepository>();
        var flags = database.Get<IFlagRepository>();
        var officer = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "hash", [agency.Id], T0);

        var unflagged = await recall.ListUnflaggedAsync(T0.AddHours(-1), T0.AddHours(1));
        Assert.Equal([outcomes[1].PostId, outcomes[2].PostId], unflagged.Select(u => u.PostId));
        Assert.Equal(0.7, unflagged[0].Scores[Label.Other], 6);

        var samples = unflagged.Select(u => new RecallSample(u.PostId, u.ClassificationId, Label.Oppose, 0.1, RecallStratum.Near, 3.5)).ToList();
        Assert.Equal(2, await recall.AddAsync(samples, T0.AddDays(1)));
        Assert.Equal(0, await recall.AddAsync(samples, T0.AddDays(1))); // a post is queued once
        var queue = await flags.QueryAsync(new FlagQuery { PageSize = 10 });
        var sampled = queue.Items.Where(i => i.Flag.IsRecallSample).ToList();
        Assert.Equal(2, sampled.Count);
        Assert.All(queue.Items, i => Assert.Equal(1, i.StaffFlagCount)); // only the classifier's flag counts against the person
        Assert.Single(await flags.ListByStaffAsync(staffMember.Id, null));
        Assert.Single(await flags.ListCreatedBetweenAsync(null, T0.AddDays(-1), T0.AddDays(2)));

        await flags.RecordDecisionAsync(sampled[0].Flag.Id, officer.Id, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "terlewat", Label.Oppose, T0.AddDays(1));
        await flags.RecordDecisionAsync(outcomes[0].FlagId!.Value, officer.Id, DecisionKind.Dismiss, null, "keliru", Label.Other, T0.AddDays(1));
        Assert.Equal(2, (await flags.ListByStaffAsync(staffMember.Id, null)).Count); // a confirmed sample now counts

        var stats = await recall.GetStatsAsync();
        Assert.Equal([(3.5, (bool?)true), (3.5, null)], stats.Samples.OrderBy(s => s.Confirmed is null));
        Assert.Equal([(Label.Endorse, 0, 1)], stats.FlagDecisions);
        Assert.Equal(1, stats.ClassifierFlagsInWindow);
    }
}

public sealed class SqliteRecallSampleRepositoryTests() : RecallSampleRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresRecallSampleRepositoryTests() : RecallSampleRepositoryTests(DatabaseEngine.Postgres);
