using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Storage;
using SocialWatch.Testing;

namespace SocialWatch.Storage.Tests;

/// <summary>Case steps after a confirmation: stored append-only, read back in order, and cases counted and listed by stage per agency.</summary>
public abstract class CaseStepRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Steps_come_back_in_order_with_every_field_and_cannot_be_changed()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (agency, budi, _) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 1);
        var user = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "hash", [agency.Id], T0);
        var cases = database.Get<ICaseRepository>();

        var asked = await cases.AddStepAsync(budi.Id, user.Id,
            new CaseStepInput(CaseStepKind.ClarificationRequested, new DateOnly(2026, 11, 3), " 800/123/BKPSDM/2026 ", null, null, null), T0);
        await cases.AddStepAsync(budi.Id, user.Id, new CaseStepInput(CaseStepKind.ResponseReceived, new DateOnly(2026, 11, 5), null, "Akun saya diretas.", null, null), T0.AddDays(3));
        await cases.AddStepAsync(budi.Id, user.Id, new CaseStepInput(CaseStepKind.Forwarded, new DateOnly(2026, 11, 6), "ND-77", null, CaseRecipient.Ppk, null), T0.AddDays(4));
        await cases.AddStepAsync(budi.Id, user.Id, new CaseStepInput(CaseStepKind.Outcome, new DateOnly(2026, 11, 9), null, null, null, CaseOutcome.ViolationForwarded), T0.AddDays(7));

        var steps = await cases.ListStepsAsync(budi.Id);

        Assert.Equal([CaseStepKind.ClarificationRequested, CaseStepKind.ResponseReceived, CaseStepKind.Forwarded, CaseStepKind.Outcome], steps.Select(s => s.Kind));
        Assert.Equal(new CaseStep(asked.Id, budi.Id, agency.Id, CaseStepKind.ClarificationRequested, new DateOnly(2026, 11, 3), "800/123/BKPSDM/2026", null, null, null, user.Id, T0), steps[0]);
        Assert.Equal("Akun saya diretas.", steps[1].Text);
        Assert.Equal(CaseRecipient.Ppk, steps[2].Recipient);
        Assert.Equal(CaseOutcome.ViolationForwarded, steps[3].Outcome);
        Assert.Equal(CaseStage.Closed, steps[3].Stage);
        await using var connection = await database.Get<DbConnectionFactory>().OpenAsync(default);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE case_steps SET reference = 'x'"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM case_steps"));
        await Assert.ThrowsAsync<DomainValidationException>(() => cases.AddStepAsync(999_999, user.Id,
            new CaseStepInput(CaseStepKind.ClarificationRequested, new DateOnly(2026, 11, 3), "x", null, null, null), T0));
    }

    [SkippableFact]
    public async Task Cases_are_counted_and_listed_by_the_stage_of_their_latest_step_within_the_agency_scope()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (a, budi, budiAccount) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 1);
        var (_, ani, aniAccount) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 2);
        var (_, eko, ekoAccount) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 3);
        var (b, dewi, dewiAccount) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-B", 4);
        var user = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "hash", [a.Id], T0);
        var flags = database.Get<IFlagRepository>();
        foreach (var (account, post) in new[] { (budiAccount, "b1"), (aniAccount, "a1"), (ekoAccount, "e1"), (ekoAccount, "e2"), (dewiAccount, "d1") })
        {
            await flags.RecordDecisionAsync(await FlagAsync(database, account, post), user.Id, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "kampanye", T0);
        }
        var cases = database.Get<ICaseRepository>();
        await cases.AddStepAsync(budi.Id, user.Id, new CaseStepInput(CaseStepKind.ClarificationRequested, new DateOnly(2026, 11, 3), "S-1", null, null, null), T0);
        await cases.AddStepAsync(budi.Id, user.Id, new CaseStepInput(CaseStepKind.ResponseReceived, new DateOnly(2026, 11, 4), null, "Maaf.", null, null), T0);
        await cases.AddStepAsync(ani.Id, user.Id, new CaseStepInput(CaseStepKind.ClarificationRequested, new DateOnly(2026, 11, 2), "S-2", null, null, null), T0);
        await cases.AddStepAsync(dewi.Id, user.Id, new CaseStepInput(CaseStepKind.Outcome, new DateOnly(2026, 11, 2), null, null, null, CaseOutcome.NoViolation), T0);

        var all = await cases.CountByStageAsync(null);
        var onlyA = await cases.CountByStageAsync([a.Id]);
        var none = await cases.CountByStageAsync([]);
        var waiting = await cases.ListByStageAsync([a.Id], CaseStage.AwaitingResponse, 10);
        var toClarify = await cases.ListByStageAsync([a.Id], CaseStage.ToClarify, 10);
        var closedInA = await cases.ListByStageAsync([a.Id], CaseStage.Closed, 10);

        Assert.Equal(new Dictionary<CaseStage, int> { [CaseStage.ToClarify] = 1, [CaseStage.AwaitingResponse] = 1, [CaseStage.ResponseReceived] = 1, [CaseStage.Forwarded] = 0, [CaseStage.Closed] = 1 }, all);
        Assert.Equal(0, onlyA[CaseStage.Closed]);
        Assert.Equal(1, onlyA[CaseStage.ToClarify]);
        Assert.All(none.Values, count => Assert.Equal(0, count));
        Assert.Equal([(ani.Id, (DateOnly?)new DateOnly(2026, 11, 2))], waiting.Select(c => (c.StaffId, c.LastStepDate)));
        Assert.Equal(ani.Nip, waiting[0].Nip);
        Assert.Equal([(eko.Id, (DateOnly?)null)], toClarify.Select(c => (c.StaffId, c.LastStepDate)));
        Assert.Empty(closedInA);
        Assert.Equal(b.Id, (await cases.ListByStageAsync(null, CaseStage.Closed, 10)).Single().AgencyId);
    }

    private static async Task<long> FlagAsync(TempDatabase database, WatchedAccount account, string postId)
    {
        var post = (await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched(postId, "Posting " + postId, account.Platform), T0)).Post;
        var classification = await database.Get<IClassificationRepository>().SaveAsync(post.Id, 1, SamplePosts.Classified(Label.Endorse, 0.9), T0);
        return (await database.Get<IFlagRepository>().CreateIfAbsentAsync(post.Id, classification.Id, Label.Endorse, 0.9, T0)).Flag.Id;
    }
}

public sealed class SqliteCaseStepRepositoryTests() : CaseStepRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresCaseStepRepositoryTests() : CaseStepRepositoryTests(DatabaseEngine.Postgres);
