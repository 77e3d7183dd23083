using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Storage.Tests;

public abstract class PostRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset Fetched = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Stores_a_new_post_with_every_field_and_the_payload_hash()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var posts = database.Get<IPostRepository>();
        var fetched = SamplePosts.Fetched("111") with { IsQuote = true, ReplyToPostId = "100", SharedText = "Coblos 02!", EditedAt = Fetched.AddHours(-1) };

        var result = await posts.StoreAsync(account.Id, fetched, Fetched);
        var read = await posts.GetAsync(result.Post.Id);

        Assert.Equal(StoreOutcome.Inserted, result.Outcome);
        Assert.Equal(result.Post, read, PostComparer.Instance);
        Assert.Equal((account.Id, Platform.Mastodon, "111", 1), (read!.AccountId, read.Platform, read.PlatformPostId, read.Version));
        Assert.Equal((fetched.CreatedAt, Fetched, fetched.EditedAt), (read.CreatedAt, read.FetchedAt, read.EditedAt));
        Assert.Equal((fetched.Text, "id", fetched.Url, false, true, "100", "Coblos 02!"),
            (read.Text, read.Language, read.Url, read.IsRepost, read.IsQuote, read.ReplyToPostId, read.SharedText));
        Assert.Equal(["KotaMaju"], read.Hashtags);
        Assert.Equal(["dukcapil"], read.Mentions);
        Assert.Equal(["Foto kegiatan"], read.MediaDescriptions);
        Assert.Equal(["https://sosial.kotamaju.example/media/1.jpg"], read.MediaUrls);
        Assert.Equal(fetched.RawPayload, read.RawPayload);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(fetched.RawPayload))), read.RawSha256);
        Assert.Null(read.DeletedAt);
        Assert.Null(read.PurgedAt);
    }

    [SkippableFact]
    public async Task Storing_the_same_payload_again_changes_nothing()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var posts = database.Get<IPostRepository>();

        var first = await posts.StoreAsync(account.Id, SamplePosts.Fetched("111"), Fetched);
        var again = await posts.StoreAsync(account.Id, SamplePosts.Fetched("111"), Fetched.AddHours(1));

        Assert.Equal(StoreOutcome.Unchanged, again.Outcome);
        Assert.Equal(first.Post, again.Post, PostComparer.Instance);
        Assert.Single(await posts.GetVersionsAsync(first.Post.Id));
    }

    [SkippableFact]
    public async Task An_edit_becomes_a_new_version_and_the_old_one_stays()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var posts = database.Get<IPostRepository>();

        var original = await posts.StoreAsync(account.Id, SamplePosts.Fetched("111", "Ayo ke TPS"), Fetched);
        var edited = await posts.StoreAsync(account.Id, SamplePosts.Fetched("111", "Ayo coblos nomor 2") with { EditedAt = Fetched.AddHours(2) }, Fetched.AddHours(3));
        var staleCopy = await posts.StoreAsync(account.Id, SamplePosts.Fetched("111", "Ayo ke TPS"), Fetched.AddHours(4));
        var versions = await posts.GetVersionsAsync(original.Post.Id);

        Assert.Equal(StoreOutcome.NewVersion, edited.Outcome);
        Assert.Equal((original.Post.Id, 2, "Ayo coblos nomor 2"), (edited.Post.Id, edited.Post.Version, edited.Post.Text));
        Assert.Equal(StoreOutcome.Unchanged, staleCopy.Outcome);
        Assert.Equal(2, staleCopy.Post.Version);
        Assert.Equal(["Ayo ke TPS", "Ayo coblos nomor 2"], versions.Select(v => v.Text));
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal("Ayo coblos nomor 2", (await posts.GetAsync(original.Post.Id))!.Text);
    }

    [SkippableFact]
    public async Task Deleted_posts_keep_their_evidence_and_leave_the_live_list()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var posts = database.Get<IPostRepository>();
        var old = await posts.StoreAsync(account.Id, SamplePosts.Fetched("1", createdAt: Fetched.AddDays(-10)), Fetched);
        var kept = await posts.StoreAsync(account.Id, SamplePosts.Fetched("2", createdAt: Fetched.AddDays(-2)), Fetched);
        var gone = await posts.StoreAsync(account.Id, SamplePosts.Fetched("3", createdAt: Fetched.AddDays(-1)), Fetched);

        await posts.MarkDeletedAsync(gone.Post.Id, Fetched.AddDays(1));
        await posts.MarkDeletedAsync(gone.Post.Id, Fetched.AddDays(2));

        Assert.Equal(["2"], await posts.ListLivePostIdsAsync(account.Id, Fetched.AddDays(-7)));
        var deleted = await posts.GetAsync(gone.Post.Id);
        Assert.Equal(Fetched.AddDays(1), deleted!.DeletedAt);
        Assert.NotNull(deleted.RawPayload);
        Assert.NotNull(old.Post);
        Assert.NotNull(kept.Post);
    }

    [SkippableFact]
    public async Task Retention_blanks_old_unflagged_posts_and_never_flagged_ones()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var posts = database.Get<IPostRepository>();
        var oldUnflagged = await posts.StoreAsync(account.Id, SamplePosts.Fetched("1"), Fetched);
        await posts.StoreAsync(account.Id, SamplePosts.Fetched("1", "diedit"), Fetched);
        var oldFlagged = await posts.StoreAsync(account.Id, SamplePosts.Fetched("2"), Fetched);
        var recent = await posts.StoreAsync(account.Id, SamplePosts.Fetched("3"), Fetched.AddDays(20));
        var classification = await database.Get<IClassificationRepository>().SaveAsync(oldFlagged.Post.Id, 1, SamplePosts.Classified(Label.Endorse), Fetched);
        await database.Get<IFlagRepository>().CreateIfAbsentAsync(oldFlagged.Post.Id, classification.Id, Label.Endorse, 0.9, Fetched);

        var purged = await posts.PurgeUnflaggedAsync(Fetched.AddDays(10), Fetched.AddDays(30));
        var purgedAgain = await posts.PurgeUnflaggedAsync(Fetched.AddDays(10), Fetched.AddDays(31));

        Assert.Equal(1, purged);
        Assert.Equal(0, purgedAgain);
        var versions = await posts.GetVersionsAsync(oldUnflagged.Post.Id);
        Assert.All(versions, v => Assert.Equal((null, null, null, Fetched.AddDays(30)), (v.Text, v.RawPayload, v.SharedText, v.PurgedAt)));
        Assert.All(versions, v => Assert.Empty(v.MediaDescriptions));
        Assert.All(versions, v => Assert.Equal(64, v.RawSha256.Length));
        Assert.NotNull((await posts.GetAsync(oldFlagged.Post.Id))!.RawPayload);
        Assert.NotNull((await posts.GetAsync(recent.Post.Id))!.Text);
        Assert.Equal(StoreOutcome.Unchanged, (await posts.StoreAsync(account.Id, SamplePosts.Fetched("1", "diedit"), Fetched.AddDays(32))).Outcome);
    }

    [SkippableFact]
    public async Task Quarantined_payloads_are_kept_with_their_reason()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);

        await database.Get<IPostRepository>().QuarantineAsync(Platform.Mastodon, account.Id, "{\"id\":", "malformed JSON: unexpected end", Fetched);
        await database.Get<IPostRepository>().QuarantineAsync(Platform.Rss, null, "<item/>", "no guid", Fetched);

        await using var connection = await database.Get<DbConnectionFactory>().OpenAsync(default);
        var rows = (await connection.QueryAsync<(string Platform, long? AccountId, string Payload, string Reason)>(
            "SELECT platform, account_id, raw_payload, reason FROM quarantine ORDER BY id")).ToList();
        Assert.Equal([("mastodon", (long?)account.Id, "{\"id\":", "malformed JSON: unexpected end"), ("rss", null, "<item/>", "no guid")], rows);
    }

    /// <summary>Records holding lists compare by reference; this compares a post by its content.</summary>
    private sealed class PostComparer : IEqualityComparer<StoredPost?>
    {
        public static PostComparer Instance { get; } = new();

        public bool Equals(StoredPost? x, StoredPost? y) =>
            x is not null && y is not null
            && x with { Hashtags = [], Mentions = [], MediaDescriptions = [], MediaUrls = [] } == y with { Hashtags = [], Mentions = [], MediaDescriptions = [], MediaUrls = [] }
            && x.Hashtags.SequenceEqual(y.Hashtags) && x.Mentions.SequenceEqual(y.Mentions)
            && x.MediaDescriptions.SequenceEqual(y.MediaDescriptions) && x.MediaUrls.SequenceEqual(y.MediaUrls);

        public int GetHashCode(StoredPost? obj) => obj?.Id.GetHashCode() ?? 0;
    }
}

public sealed class SqlitePostRepositoryTests() : PostRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresPostRepositoryTests() : PostRepositoryTests(DatabaseEngine.Postgres);
