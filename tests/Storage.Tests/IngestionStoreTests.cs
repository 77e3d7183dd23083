using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Storage.Tests;

/// <summary>The batched write side of ingestion over a real SQLite file: idempotency, finishing, and all-or-nothing batches.</summary>
public abstract class IngestionStoreTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset Fetched = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    private static IngestItem Item(long accountId, string id, string text, Label label, string model = "test-model-1") =>
        new(accountId, SamplePosts.Fetched(id, text), SamplePosts.Classified(label, modelVersion: model));

    private static async Task<(long Posts, long Versions, long Classifications, long Flags)> CountsAsync(TempDatabase database)
    {
        await using var connection = await database.Get<DbConnectionFactory>().OpenAsync(default);
        return await connection.QuerySingleAsync<(long, long, long, long)>(
            "SELECT (SELECT count(*) FROM posts), (SELECT count(*) FROM post_versions), (SELECT count(*) FROM classifications), (SELECT count(*) FROM flags)");
    }

    [SkippableFact]
    public async Task New_unchanged_and_edited_posts_are_stored_classified_and_flagged_once()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var store = database.Get<IIngestionStore>();

        var first = await store.StoreAsync([
            Item(account.Id, "a", "Selamat pagi", Label.Other),
            Item(account.Id, "b", "Coblos nomor 2", Label.Endorse),
        ], Fetched);
        Assert.Equal([StoreOutcome.Inserted, StoreOutcome.Inserted], first.Select(o => o.Stored));
        Assert.All(first, o => Assert.True(o.Classified));
        Assert.Null(first[0].FlagId);
        Assert.NotNull(first[1].FlagId);

        var second = await store.StoreAsync([
            Item(account.Id, "a", "Selamat pagi", Label.Other),
            Item(account.Id, "b", "Coblos nomor 2 ya, ayo!", Label.Endorse),
        ], Fetched.AddHours(1));
        Assert.Equal([StoreOutcome.Unchanged, StoreOutcome.NewVersion], second.Select(o => o.Stored));
        Assert.Equal([false, true], second.Select(o => o.Classified));
        Assert.Equal(2, second[1].Version);
        Assert.All(second, o => Assert.Null(o.FlagId)); // the post already has its flag

        Assert.Equal((2L, 3L, 3L, 1L), await CountsAsync(database));
        // The ingestion writer puts the person on the flag, as the repository does: their case file finds it.
        Assert.Equal([first[1].FlagId!.Value], (await database.Get<IFlagRepository>().ListByStaffAsync(account.StaffId, null)).Select(f => f.Flag.Id));
        var versions = await database.Get<IPostRepository>().GetVersionsAsync(first[1].PostId);
        Assert.Equal(["Coblos nomor 2", "Coblos nomor 2 ya, ayo!"], versions.Select(v => v.Text));
        Assert.NotEqual(versions[0].RawSha256, versions[1].RawSha256);
    }

    [SkippableFact]
    public async Task The_same_post_twice_in_one_batch_is_one_post()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);

        var outcomes = await database.Get<IIngestionStore>().StoreAsync([
            Item(account.Id, "a", "Ayo pilih nomor 1", Label.Endorse),
            Item(account.Id, "a", "Ayo pilih nomor 1", Label.Endorse),
            Item(account.Id, "a", "Ayo pilih nomor 1!!", Label.Endorse),
        ], Fetched);

        Assert.Equal([StoreOutcome.Inserted, StoreOutcome.Unchanged, StoreOutcome.NewVersion], outcomes.Select(o => o.Stored));
        Assert.Single(outcomes, o => o.FlagId is not null);
        Assert.Equal((1L, 2L, 2L, 1L), await CountsAsync(database));
    }

    [SkippableFact]
    public async Task Flags_carry_the_agency_of_each_posts_account()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (maju, _, first) = await SampleRegistry.AddAccountAsync(database, "KOTAMAJU", 1);
        var (jaya, _, second) = await SampleRegistry.AddAccountAsync(database, "KABJAYA", 2);

        var outcomes = await database.Get<IIngestionStore>().StoreAsync([
            Item(first.Id, "a", "Coblos nomor 2", Label.Endorse),
            Item(second.Id, "b", "Jangan pilih dia", Label.Oppose),
        ], Fetched);

        var flags = database.Get<IFlagRepository>();
        Assert.Equal(1, (await flags.QueryAsync(new FlagQuery { AgencyIds = [maju.Id] })).TotalCount);
        Assert.Equal(Label.Oppose, Assert.Single((await flags.QueryAsync(new FlagQuery { AgencyIds = [jaya.Id] })).Items).Flag.Label);
        Assert.Equal([first.Id, second.Id], [(await database.Get<IPostRepository>().GetAsync(outcomes[0].PostId))!.AccountId,
            (await database.Get<IPostRepository>().GetAsync(outcomes[1].PostId))!.AccountId]);
    }

    [SkippableFact]
    public async Task A_failing_batch_leaves_nothing_behind_and_its_rerun_stores_everything_once()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var store = database.Get<IIngestionStore>();
        IngestItem[] good = [Item(account.Id, "a", "Coblos nomor 2", Label.Endorse), Item(account.Id, "b", "Selamat pagi", Label.Other)];

        // The third item names an account that does not exist: the foreign key fails after two posts were written.
        await Assert.ThrowsAnyAsync<Exception>(() => store.StoreAsync([.. good, Item(999_999, "c", "x", Label.Other)], Fetched));
        Assert.Equal((0L, 0L, 0L, 0L), await CountsAsync(database));

        var outcomes = await store.StoreAsync(good, Fetched);
        Assert.All(outcomes, o => Assert.Equal(StoreOutcome.Inserted, o.Stored));
        Assert.Equal((2L, 2L, 2L, 1L), await CountsAsync(database));
    }

    [SkippableFact]
    public async Task A_post_stored_before_a_crash_but_never_classified_is_finished()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched("a", "Coblos nomor 2"), Fetched);

        var outcome = Assert.Single(await database.Get<IIngestionStore>().StoreAsync([Item(account.Id, "a", "Coblos nomor 2", Label.Endorse)], Fetched));

        Assert.Equal(StoreOutcome.Unchanged, outcome.Stored);
        Assert.True(outcome.Classified);
        Assert.NotNull(outcome.FlagId);
        Assert.Equal((1L, 1L, 1L, 1L), await CountsAsync(database));
    }

    [SkippableFact]
    public async Task A_post_classified_as_a_flag_before_a_crash_but_never_flagged_gets_its_flag()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var stored = await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched("a", "Coblos nomor 2"), Fetched);
        await database.Get<IClassificationRepository>().SaveAsync(stored.Post.Id, 1, SamplePosts.Classified(Label.Endorse), Fetched);

        var outcome = Assert.Single(await database.Get<IIngestionStore>().StoreAsync([Item(account.Id, "a", "Coblos nomor 2", Label.Endorse)], Fetched));

        Assert.False(outcome.Classified);
        Assert.NotNull(outcome.FlagId);
        Assert.Equal((1L, 1L, 1L, 1L), await CountsAsync(database));
    }

    [SkippableFact]
    public async Task A_post_an_older_model_judged_is_left_alone()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var store = database.Get<IIngestionStore>();
        await store.StoreAsync([Item(account.Id, "a", "Coblos nomor 2", Label.Other, model: "old-model")], Fetched);

        var outcome = Assert.Single(await store.StoreAsync([Item(account.Id, "a", "Coblos nomor 2", Label.Endorse, model: "new-model")], Fetched));

        Assert.Equal((StoreOutcome.Unchanged, false, (long?)null), (outcome.Stored, outcome.Classified, outcome.FlagId));
        Assert.Equal((1L, 1L, 1L, 0L), await CountsAsync(database));
    }

    [SkippableFact]
    public async Task A_stale_copy_of_an_edited_post_is_not_judged_as_the_post()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var store = database.Get<IIngestionStore>();
        await store.StoreAsync([Item(account.Id, "a", "Ayo coblos nomor 2", Label.Endorse), Item(account.Id, "b", "Selamat pagi", Label.Other)], Fetched);
        await store.StoreAsync([Item(account.Id, "b", "Selamat pagi semua", Label.Other)], Fetched.AddHours(1));

        // A replica serves the first words of "b" again, and a verdict on them would now be a flag.
        var outcome = Assert.Single(await store.StoreAsync([Item(account.Id, "b", "Selamat pagi", Label.Endorse)], Fetched.AddHours(2)));

        Assert.Equal((StoreOutcome.Unchanged, 1, false, (long?)null), (outcome.Stored, outcome.Version, outcome.Classified, outcome.FlagId));
        Assert.Equal((2L, 3L, 3L, 1L), await CountsAsync(database));
    }

    [Fact]
    public async Task A_classification_failure_is_stored_with_the_post_counted_again_and_cleared_by_a_later_verdict()
    {
        await using var database = await TempDatabase.CreateAsync();
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var store = database.Get<IIngestionStore>();
        var posts = database.Get<IPostRepository>();
        IngestItem Failed(string model) => new(account.Id, SamplePosts.Fetched("a", "Pilih nomor 0"), null, Failure: new ClassificationFailure(model, "KeyNotFoundException: 0"));

        var first = (await store.StoreAsync([Failed("model-1"), Item(account.Id, "b", "Selamat pagi", Label.Other, model: "model-1")], Fetched))[0];
        var again = (await store.StoreAsync([Failed("model-1")], Fetched.AddHours(1)))[0];

        Assert.Equal((StoreOutcome.Inserted, false, true), (first.Stored, first.Classified, first.ClassificationFailed));
        Assert.Equal((StoreOutcome.Unchanged, true), (again.Stored, again.ClassificationFailed));
        var failure = Assert.Single(await posts.ListClassificationFailuresAsync(10));
        Assert.Equal((first.PostId, 1, "model-1", 2), (failure.PostId, failure.PostVersion, failure.ModelVersion, failure.Attempts));
        Assert.Equal(new IngestionProblemCounts(1, 0), await posts.CountIngestionProblemsAsync());
        Assert.Empty(await posts.ListRetryableClassificationFailuresAsync("model-1", 10)); // the same model would fail again
        Assert.Single(await posts.ListRetryableClassificationFailuresAsync("model-2", 10));
        Assert.Equal(1, await posts.PurgeUnflaggedAsync(Fetched.AddDays(60), Fetched.AddDays(60))); // only "b": "a" waits for a verdict

        var judged = Assert.Single(await store.StoreAsync([Item(account.Id, "a", "Pilih nomor 0", Label.Endorse, model: "model-2")], Fetched.AddDays(61)));

        Assert.Equal((true, false), (judged.Classified, judged.ClassificationFailed));
        Assert.NotNull(judged.FlagId);
        Assert.Empty(await posts.ListClassificationFailuresAsync(10));
    }
}

public sealed class SqliteIngestionStoreTests() : IngestionStoreTests(DatabaseEngine.Sqlite);

public sealed class PostgresIngestionStoreTests() : IngestionStoreTests(DatabaseEngine.Postgres);
