using System.Security.Cryptography;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Storage;
using SocialWatch.Storage.Repositories;
using SocialWatch.Testing;

namespace SocialWatch.Storage.Tests;

/// <summary>Flag evidence beyond text: pending flags with their flagged version's media and reply, kept once with SHA-256, append-only.</summary>
public abstract class EvidenceRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    [SkippableFact]
    public async Task A_flags_media_and_parent_are_kept_once_with_their_hashes_and_survive_the_posts_deletion()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (agency, _, account) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 1);
        var fetched = SamplePosts.Fetched("m1", "Balas: dukung nomor 2") with { MediaUrls = ["https://media.example/a.png", "https://media.example/b.png"], ReplyToPostId = "p0" };
        var post = (await database.Get<IPostRepository>().StoreAsync(account.Id, fetched, T0)).Post;
        var classification = await database.Get<IClassificationRepository>().SaveAsync(post.Id, 1, SamplePosts.Classified(Label.Endorse, 0.9), T0);
        var flagId = (await database.Get<IFlagRepository>().CreateIfAbsentAsync(post.Id, classification.Id, Label.Endorse, 0.9, T0)).Flag.Id;
        // A later edit drops the media: the evidence is of the version that was flagged.
        await database.Get<IPostRepository>().StoreAsync(account.Id, fetched with { Text = "diedit", MediaUrls = [], RawPayload = "{\"edited\":true}" }, T0.AddMinutes(5));
        var evidence = database.Get<IEvidenceRepository>();

        var pending = await evidence.ListPendingAsync(10);
        Assert.Equal(FlagEvidence.None, await evidence.GetAsync(flagId));
        await evidence.RecordAsync(flagId,
            [new CollectedMedia("https://media.example/a.png", "image/png", Png, null), new CollectedMedia("https://media.example/b.png", null, null, "too large: 20000000 bytes")],
            new CollectedParent(Platform.Mastodon, "p0", "fetched", "warga", T0.AddHours(-1), "Siapa pilihanmu?", "https://sosial.example/@warga/p0", "{\"id\":\"p0\"}"),
            T0.AddMinutes(1));
        await evidence.RecordAsync(flagId, [], null, T0.AddMinutes(2));
        await database.Get<IPostRepository>().MarkDeletedAsync(post.Id, T0.AddDays(1));
        var kept = await evidence.GetAsync(flagId);
        var content = await evidence.GetMediaAsync(kept.Media[0].Id);

        Assert.Equal((flagId, account.Id, Platform.Mastodon, "p0"), (pending.Single().FlagId, pending[0].AccountId, pending[0].Platform, pending[0].ReplyToPostId));
        Assert.Equal(["https://media.example/a.png", "https://media.example/b.png"], pending[0].MediaUrls);
        Assert.Empty(await evidence.ListPendingAsync(10));
        Assert.Equal(T0.AddMinutes(1), kept.CollectedAt);
        Assert.Equal([("image/png", (long?)Png.Length, Convert.ToHexStringLower(SHA256.HashData(Png)), (string?)null), (null, null, null, "too large: 20000000 bytes")],
            kept.Media.Select(m => (m.ContentType, m.ByteCount, m.Sha256, m.SkippedReason)));
        Assert.Equal(Png, content!.Content);
        Assert.Equal(("image/png", agency.Id, flagId), (content.ContentType, content.AgencyId, content.FlagId));
        Assert.Null(await evidence.GetMediaAsync(kept.Media[1].Id));
        Assert.Equal(("p0", "warga", "Siapa pilihanmu?", PostRepository.Sha256Hex("{\"id\":\"p0\"}"), "fetched"),
            (kept.Parent!.PlatformPostId, kept.Parent.AccountHandle, kept.Parent.Text, kept.Parent.Sha256, kept.Parent.Source));
        Assert.Equal(kept.Media.Count, (await database.Get<IFlagRepository>().GetDetailAsync(flagId))!.Evidence!.Media.Count);
        await using var connection = await database.Get<DbConnectionFactory>().OpenAsync(default);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE evidence_media SET sha256 = 'x'"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM evidence_parents"));
    }

    [SkippableFact]
    public async Task A_parent_that_could_not_be_read_is_recorded_with_the_reason()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 1);
        var post = (await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched("m2") with { ReplyToPostId = "gone" }, T0)).Post;
        var classification = await database.Get<IClassificationRepository>().SaveAsync(post.Id, 1, SamplePosts.Classified(Label.Endorse, 0.9), T0);
        var flagId = (await database.Get<IFlagRepository>().CreateIfAbsentAsync(post.Id, classification.Id, Label.Endorse, 0.9, T0)).Flag.Id;
        var evidence = database.Get<IEvidenceRepository>();

        await evidence.RecordAsync(flagId, [], new CollectedParent(Platform.Mastodon, "gone", "fetched", SkippedReason: "deleted"), T0);

        var kept = await evidence.GetAsync(flagId);
        Assert.Empty(kept.Media);
        Assert.Equal(("gone", (string?)null, (string?)null, "deleted"), (kept.Parent!.PlatformPostId, kept.Parent.RawPayload, kept.Parent.Sha256, kept.Parent.SkippedReason));
    }
}

public sealed class SqliteEvidenceRepositoryTests() : EvidenceRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresEvidenceRepositoryTests() : EvidenceRepositoryTests(DatabaseEngine.Postgres);
