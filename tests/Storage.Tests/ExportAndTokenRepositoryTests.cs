using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;
using SocialWatch.Testing;

namespace SocialWatch.Storage.Tests;

public abstract class ApiTokenRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Stores_only_the_hash_and_finds_the_token_by_it()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var user = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Auditor, "hash", [], T0);
        var tokens = database.Get<IApiTokenRepository>();
        var (secret, hash) = ApiTokenSecret.Create();

        var added = await tokens.AddAsync(user.Id, "  laporan mingguan ", hash, "admin", T0, T0.AddDays(30));
        var found = await tokens.FindByHashAsync(ApiTokenSecret.Hash(secret));

        Assert.Equal(added, found);
        Assert.Equal((user.Id, "laporan mingguan", "admin", T0, T0.AddDays(30)), (found!.UserId, found.Name, found.CreatedBy, found.CreatedAt, found.ExpiresAt));
        Assert.Null(await tokens.FindByHashAsync(ApiTokenSecret.Hash(secret + "x")));
        await using var connection = await database.Get<DbConnectionFactory>().OpenAsync(default);
        var everyText = string.Join("|", await connection.QueryAsync<string>("SELECT name || token_hash || created_by FROM api_tokens"));
        Assert.DoesNotContain(secret, everyText, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[ApiTokenSecret.Prefix.Length..], everyText, StringComparison.Ordinal);
        Assert.Contains(hash, everyText, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Revoking_is_once_and_touching_is_at_most_once_a_minute()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var user = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Auditor, "hash", [], T0);
        var tokens = database.Get<IApiTokenRepository>();
        var older = await tokens.AddAsync(user.Id, "lama", ApiTokenSecret.Create().Hash, "siti", T0, null);
        var newer = await tokens.AddAsync(user.Id, "baru", ApiTokenSecret.Create().Hash, "siti", T0.AddMinutes(1), null);

        await tokens.TouchAsync(older.Id, T0.AddMinutes(2));
        await tokens.TouchAsync(older.Id, T0.AddMinutes(2.5));
        var touched = await tokens.GetAsync(older.Id);
        await tokens.TouchAsync(older.Id, T0.AddMinutes(4));
        var touchedAgain = await tokens.GetAsync(older.Id);

        Assert.True(await tokens.RevokeAsync(older.Id, T0.AddMinutes(5)));
        Assert.False(await tokens.RevokeAsync(older.Id, T0.AddMinutes(6)));
        Assert.False(await tokens.RevokeAsync(999_999, T0));
        var listed = await tokens.ListByUserAsync(user.Id);

        Assert.Equal(T0.AddMinutes(2), touched!.LastUsedAt);
        Assert.Equal(T0.AddMinutes(4), touchedAgain!.LastUsedAt);
        Assert.Equal([newer.Id, older.Id], listed.Select(t => t.Id));
        Assert.Equal(T0.AddMinutes(5), listed[1].RevokedAt);
        Assert.False(listed[1].IsUsableAt(T0.AddMinutes(5)));
        Assert.True(listed[0].IsUsableAt(T0.AddYears(10)));
        Assert.Empty(await tokens.ListByUserAsync(user.Id + 1));
    }

    [SkippableFact]
    public async Task Refuses_a_blank_name_a_past_expiry_and_an_unknown_user()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var user = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Auditor, "hash", [], T0);
        var tokens = database.Get<IApiTokenRepository>();

        await Assert.ThrowsAsync<DomainValidationException>(() => tokens.AddAsync(user.Id, " ", ApiTokenSecret.Create().Hash, "siti", T0, null));
        await Assert.ThrowsAsync<DomainValidationException>(() => tokens.AddAsync(user.Id, "x", ApiTokenSecret.Create().Hash, "siti", T0, T0));
        await Assert.ThrowsAsync<DomainValidationException>(() => tokens.AddAsync(user.Id + 100, "x", ApiTokenSecret.Create().Hash, "siti", T0, null));
        Assert.Empty(await tokens.ListByUserAsync(user.Id));
    }
}

public abstract class ReviewReportRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    private sealed record Seeded(TempDatabase Database, Agency A, Agency B, long FlagA1, long FlagA2, long FlagA3, long FlagB, long UserId);

    /// <summary>Agency A: an endorse flag confirmed after 2 h, a campaign flag (model 2) dismissed after 6 h, an open one with a note; agency B: a dismissed flag.</summary>
    private async Task<Seeded> SeedAsync()
    {
        var database = await TempDatabase.CreateAsync(engine);
        var (a, _, accountA) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 1);
        var (b, _, accountB) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-B", 2);
        var user = await database.Get<IUserRepository>().AddAsync("siti", "Siti Aminah", "siti@kotamaju.example", Role.Officer, "hash", [a.Id, b.Id], T0);
        var flags = database.Get<IFlagRepository>();

        async Task<long> FlagAsync(long accountId, string id, Label label, string model)
        {
            var post = (await database.Get<IPostRepository>().StoreAsync(accountId, SamplePosts.Fetched(id, "Posting " + id), T0)).Post;
            var classification = await database.Get<IClassificationRepository>().SaveAsync(post.Id, 1, SamplePosts.Classified(label, 0.9, model), T0);
            return (await flags.CreateIfAbsentAsync(post.Id, classification.Id, label, 0.9, T0)).Flag.Id;
        }

        var a1 = await FlagAsync(accountA.Id, "a1", Label.Endorse, "model-1");
        var a2 = await FlagAsync(accountA.Id, "a2", Label.Campaign, "model-2");
        var a3 = await FlagAsync(accountA.Id, "a3", Label.Endorse, "model-1");
        var fb = await FlagAsync(accountB.Id, "b1", Label.Endorse, "model-1");
        await flags.RecordDecisionAsync(a1, user.Id, DecisionKind.Assign, null, null, T0.AddHours(1));
        await flags.RecordDecisionAsync(a1, user.Id, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "=HYPERLINK(\"x\")", T0.AddHours(2));
        await flags.RecordDecisionAsync(a1, user.Id, DecisionKind.Note, null, "catatan sesudahnya", T0.AddHours(30));
        await flags.RecordDecisionAsync(a2, user.Id, DecisionKind.Dismiss, null, "berita netral", T0.AddHours(6));
        await flags.RecordDecisionAsync(a3, user.Id, DecisionKind.Note, null, "menunggu", T0.AddHours(3));
        await flags.RecordDecisionAsync(fb, user.Id, DecisionKind.Dismiss, null, "bukan dukungan", T0.AddHours(10));
        return new Seeded(database, a, b, a1, a2, a3, fb, user.Id);
    }

    [SkippableFact]
    public async Task Decided_flags_carry_label_model_outcome_and_time_from_flag_to_closing_decision()
    {
        var s = await SeedAsync();
        await using var database = s.Database;
        var reports = database.Get<IReviewReportRepository>();

        var all = await reports.ListDecidedAsync(null, null, null);
        var onlyA = await reports.ListDecidedAsync([s.A.Id], null, null);
        var early = await reports.ListDecidedAsync(null, null, T0.AddHours(5));

        (Label, string, bool, TimeSpan)[] expected =
            [(Label.Campaign, "model-2", false, TimeSpan.FromHours(6)), (Label.Endorse, "model-1", false, TimeSpan.FromHours(10)), (Label.Endorse, "model-1", true, TimeSpan.FromHours(2))];
        Assert.Equal(expected.Order(), all.Select(d => (d.Label, d.ModelVersion, d.Confirmed, d.TimeToDecision)).Order());
        Assert.Equal(2, onlyA.Count);
        Assert.Equal([TimeSpan.FromHours(2)], early.Select(d => d.TimeToDecision));
        Assert.Empty(await reports.ListDecidedAsync([], null, null));
    }

    [SkippableFact]
    public async Task Decisions_export_lists_every_decision_with_reviewer_flag_and_person_in_scope()
    {
        var s = await SeedAsync();
        await using var database = s.Database;
        var reports = database.Get<IReviewReportRepository>();

        var onlyA = await reports.ListDecisionsAsync([s.A.Id], null, null).ToListAsync();
        var ranged = await reports.ListDecisionsAsync(null, T0.AddHours(2), T0.AddHours(10)).ToListAsync();

        Assert.Equal([DecisionKind.Assign, DecisionKind.Confirm, DecisionKind.Note, DecisionKind.Dismiss, DecisionKind.Note], onlyA.Select(d => d.Kind));
        Assert.All(onlyA, d => Assert.Equal(("siti", "Siti Aminah", "PEMKOT-A", SampleRegistry.Nip(1)), (d.ReviewerUserName, d.ReviewerName, d.AgencyCode, d.StaffNip)));
        var confirm = onlyA[1];
        Assert.Equal((s.FlagA1, Label.Endorse, FlagStatus.Confirmed, ViolationCategory.OnlineCampaign, "=HYPERLINK(\"x\")", T0.AddHours(2)),
            (confirm.FlagId, confirm.Label, confirm.FlagStatus, confirm.Category, confirm.Reason, confirm.DecidedAt));
        Assert.Equal([s.FlagA1, s.FlagA2, s.FlagA3], ranged.Select(d => d.FlagId));
    }
}

public abstract class FlagExportRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Lists_every_matching_flag_in_the_queue_order_without_paging()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (a, _, accountA) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 1);
        var (_, _, accountB) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-B", 2);
        var flags = database.Get<IFlagRepository>();
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            var account = i % 3 == 2 ? accountB : accountA;
            var post = (await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched($"e{i}", $"Posting {i}"), T0)).Post;
            var label = i % 2 == 0 ? Label.Endorse : Label.Campaign;
            var classification = await database.Get<IClassificationRepository>().SaveAsync(post.Id, 1, SamplePosts.Classified(label, 0.9), T0);
            ids.Add((await flags.CreateIfAbsentAsync(post.Id, classification.Id, label, 0.5 + (i / 100.0), T0.AddHours(i))).Flag.Id);
        }

        var oldestInA = await flags.ListAllAsync(new FlagQuery { AgencyIds = [a.Id], Sort = FlagSort.OldestFirst, PageSize = 2, Page = 3 }).ToListAsync();
        var endorseByScore = await flags.ListAllAsync(new FlagQuery { Label = Label.Endorse, Sort = FlagSort.HighestScore }).ToListAsync();

        Assert.Equal([ids[0], ids[1], ids[3], ids[4], ids[6]], oldestInA.Select(f => f.Flag.Id));
        Assert.Equal([ids[6], ids[4], ids[2], ids[0]], endorseByScore.Select(f => f.Flag.Id));
        Assert.All(oldestInA, f => Assert.Equal((SampleRegistry.Nip(1), "Posting"), (f.StaffNip, f.PostExcerpt[..7])));
    }
}

public sealed class SqliteFlagExportRepositoryTests() : FlagExportRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresFlagExportRepositoryTests() : FlagExportRepositoryTests(DatabaseEngine.Postgres);

public sealed class SqliteApiTokenRepositoryTests() : ApiTokenRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresApiTokenRepositoryTests() : ApiTokenRepositoryTests(DatabaseEngine.Postgres);

public sealed class SqliteReviewReportRepositoryTests() : ReviewReportRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresReviewReportRepositoryTests() : ReviewReportRepositoryTests(DatabaseEngine.Postgres);
