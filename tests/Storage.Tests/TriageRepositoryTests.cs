using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Storage.Tests;

/// <summary>Team triage and bulk actions: assignment to others, one decision per flag in bulk, workload, saved filters.</summary>
public abstract class TriageRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    private async Task<(TempDatabase Database, Agency A, List<long> Flags, long Siti, long Budi)> SeedAsync(int count)
    {
        var database = await TempDatabase.CreateAsync(engine);
        var (a, _, account) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 1, handle: "budi");
        var posts = database.Get<IPostRepository>();
        var classifications = database.Get<IClassificationRepository>();
        var repository = database.Get<IFlagRepository>();
        var flags = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var post = (await posts.StoreAsync(account.Id, SamplePosts.Fetched($"p{i}", $"Posting nomor {i}"), T0)).Post;
            var classification = await classifications.SaveAsync(post.Id, 1, SamplePosts.Classified(Label.Endorse, 0.9), T0);
            flags.Add((await repository.CreateIfAbsentAsync(post.Id, classification.Id, Label.Endorse, 0.9, T0.AddDays(i))).Flag.Id);
        }
        var users = database.Get<IUserRepository>();
        var siti = await users.AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "hash", [a.Id], T0);
        var budi = await users.AddAsync("budi", "Budi", "budi@kotamaju.example", Role.Officer, "hash", [a.Id], T0);
        return (database, a, flags, siti.Id, budi.Id);
    }

    [SkippableFact]
    public async Task Second_review_reopening_and_supervisors_are_stored_and_a_moved_flag_takes_no_second_transition()
    {
        var (database, a, flags, siti, budi) = await SeedAsync(3);
        await using var _ = database;
        var repository = database.Get<IFlagRepository>();
        var supervisor = await database.Get<IUserRepository>().AddAsync("rina", "Rina", "rina@kotamaju.example", Role.Supervisor, "hash", [a.Id], T0);
        await repository.RecordDecisionAsync(flags[0], siti, DecisionKind.Assign, null, null, T0);

        var confirm = await repository.RecordTransitionAsync(flags[0], siti, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "ajakan", Label.Campaign,
            [FlagStatus.Open, FlagStatus.InReview], FlagStatus.AwaitingSecondReview, T0.AddHours(1));
        // Awaiting, it is nobody's: the officer who confirmed cannot finish it.
        Assert.Equal(new FlagState(flags[0], a.Id, FlagStatus.AwaitingSecondReview, null), Assert.Single(await repository.GetStatesAsync([flags[0]])));
        // Two second reviewers at once: only the first finds the flag still awaiting.
        var agree = await repository.RecordTransitionAsync(flags[0], budi, DecisionKind.Agree, null, null, null, [FlagStatus.AwaitingSecondReview], FlagStatus.Confirmed, T0.AddHours(2));
        var late = await repository.RecordTransitionAsync(flags[0], supervisor.Id, DecisionKind.Disagree, null, "tidak setuju", null, [FlagStatus.AwaitingSecondReview], FlagStatus.Open, T0.AddHours(2));
        var reopen = await repository.RecordTransitionAsync(flags[0], budi, DecisionKind.Reopen, null, "bukti baru", null, [FlagStatus.Confirmed, FlagStatus.Dismissed], FlagStatus.Open, T0.AddHours(3));

        Assert.Equal(Role.Supervisor, (await database.Get<IUserRepository>().GetAsync(supervisor.Id))!.Role);
        Assert.Equal(Label.Campaign, confirm!.Label);
        Assert.NotNull(agree);
        Assert.Null(late);
        Assert.Equal(DecisionKind.Reopen, reopen!.Kind);
        var detail = (await repository.GetDetailAsync(flags[0]))!;
        Assert.Equal((FlagStatus.Open, (long?)null), (detail.Flag.Status, detail.Flag.AssigneeUserId));
        Assert.Equal([DecisionKind.Assign, DecisionKind.Confirm, DecisionKind.Agree, DecisionKind.Reopen], detail.History.Select(h => h.Kind));
        await Assert.ThrowsAsync<DomainValidationException>(() => repository.RecordTransitionAsync(9999, budi, DecisionKind.Reopen, null, "x", null, [FlagStatus.Confirmed], FlagStatus.Open, T0));

        // A bulk dismissal leaves flags awaiting a second officer or a supervisor alone.
        await repository.RecordTransitionAsync(flags[1], siti, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "ajakan", null, [FlagStatus.Open], FlagStatus.AwaitingSecondReview, T0);
        await repository.RecordDecisionAsync(flags[2], siti, DecisionKind.Escalate, null, "perlu supervisor", T0);
        Assert.Empty(await repository.RecordDecisionsAsync([flags[1], flags[2]], budi, DecisionKind.Dismiss, "bukan kampanye", Label.Civic, null, T0.AddHours(1)));
        var counts = await repository.CountByStatusAsync(new FlagQuery());
        Assert.Equal((1, 1, 0, 1), (counts[FlagStatus.AwaitingSecondReview], counts[FlagStatus.Escalated], counts[FlagStatus.Confirmed], counts[FlagStatus.Open]));
    }

    [SkippableFact]
    public async Task A_bulk_dismissal_is_one_decision_per_flag_and_skips_flags_closed_meanwhile()
    {
        var (database, _, flags, siti, budi) = await SeedAsync(4);
        await using var _ = database;
        var repository = database.Get<IFlagRepository>();
        await repository.RecordDecisionAsync(flags[1], budi, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "jelas kampanye", T0);

        var dismissed = await repository.RecordDecisionsAsync([flags[0], flags[1], flags[2], flags[2]], siti, DecisionKind.Dismiss, " bukan kampanye ", Label.Civic, null, T0.AddHours(1));
        var notes = await repository.RecordDecisionsAsync([flags[1], flags[3]], siti, DecisionKind.Note, "dicek bersama", null, null, T0.AddHours(2));

        Assert.Equal([flags[0], flags[2]], dismissed.Select(d => d.FlagId));
        Assert.All(dismissed, d => Assert.Equal((siti, DecisionKind.Dismiss, "bukan kampanye", Label.Civic, T0.AddHours(1)), (d.UserId, d.Kind, d.Reason, d.Label, d.DecidedAt)));
        Assert.Equal([flags[1], flags[3]], notes.Select(d => d.FlagId));
        var states = await repository.GetStatesAsync([.. flags, 99999]);
        Assert.Equal([FlagStatus.Dismissed, FlagStatus.Confirmed, FlagStatus.Dismissed, FlagStatus.Open], states.Select(s => s.Status));
        var confirmed = (await repository.GetDetailAsync(flags[1]))!;
        Assert.Equal([DecisionKind.Confirm, DecisionKind.Note], confirmed.History.Select(h => h.Kind));
        Assert.Single((await repository.GetDetailAsync(flags[2]))!.History);
        await Assert.ThrowsAsync<DomainValidationException>(() => repository.RecordDecisionsAsync([flags[3]], siti, DecisionKind.Confirm, "semua", null, null, T0));
        await Assert.ThrowsAsync<DomainValidationException>(() => repository.RecordDecisionsAsync([flags[3]], siti, DecisionKind.Dismiss, " ", Label.Civic, null, T0));
        await Assert.ThrowsAsync<DomainValidationException>(() => repository.RecordDecisionsAsync([flags[3]], siti, DecisionKind.Dismiss, "bukan", Label.Endorse, null, T0));
        Assert.Equal(FlagStatus.Open, (await repository.GetStatesAsync([flags[3]]))[0].Status);
    }

    [SkippableFact]
    public async Task Assigning_to_another_officer_and_back_to_nobody_is_in_the_history_and_the_queue()
    {
        var (database, a, flags, siti, budi) = await SeedAsync(2);
        await using var _ = database;
        var repository = database.Get<IFlagRepository>();

        await repository.RecordDecisionAsync(flags[0], siti, DecisionKind.Assign, null, null, T0);
        var toBudi = await repository.RecordDecisionsAsync([flags[0], flags[1]], siti, DecisionKind.Assign, null, null, budi, T0.AddHours(1));
        var budisQueue = await repository.QueryAsync(new FlagQuery { AgencyIds = [a.Id], AssigneeUserId = budi });
        var unassigned = await repository.RecordDecisionsAsync([flags[1]], siti, DecisionKind.Assign, null, null, null, T0.AddHours(2));

        Assert.Equal([budi, budi], toBudi.Select(d => d.AssigneeUserId));
        Assert.Equal(["Budi", "Budi"], budisQueue.Items.Select(i => i.AssigneeName));
        Assert.Equal([(DecisionKind.Assign, (long?)siti), (DecisionKind.Assign, budi)], (await repository.GetDetailAsync(flags[0]))!.History.Select(h => (h.Kind, h.AssigneeUserId)));
        Assert.Null(Assert.Single(unassigned).AssigneeUserId);
        var states = await repository.GetStatesAsync(flags);
        Assert.Equal([(FlagStatus.InReview, (long?)budi), (FlagStatus.Open, null)], states.Select(s => (s.Status, s.AssigneeUserId)));
    }

    [SkippableFact]
    public async Task Workload_counts_each_officers_waiting_flags_and_the_overdue_ones()
    {
        var (database, a, flags, siti, budi) = await SeedAsync(4);
        await using var _ = database;
        var repository = database.Get<IFlagRepository>();
        await repository.RecordDecisionsAsync([flags[0], flags[1], flags[2]], siti, DecisionKind.Assign, null, null, siti, T0);
        await repository.RecordDecisionsAsync([flags[3]], siti, DecisionKind.Assign, null, null, budi, T0);
        await repository.RecordDecisionsAsync([flags[2]], siti, DecisionKind.Dismiss, "bukan", Label.Other, null, T0);

        // Flags are created a day apart: before T0 + 1 day only the first is overdue.
        var workload = await repository.CountWorkloadAsync([a.Id], T0.AddHours(12));
        var otherAgency = await repository.CountWorkloadAsync([a.Id + 100], T0.AddHours(12));

        Assert.Equal([new OfficerWorkload(siti, 2, 1), new OfficerWorkload(budi, 1, 0)], workload);
        Assert.Empty(otherAgency);
    }

    [SkippableFact]
    public async Task Saved_filters_belong_to_their_user_and_a_name_saved_again_is_replaced()
    {
        var (database, _, _, siti, budi) = await SeedAsync(0);
        await using var _ = database;
        var filters = database.Get<ISavedFilterRepository>();

        var overdue = await filters.SaveAsync(siti, "Lewat tenggat", "?overdue=true", T0);
        await filters.SaveAsync(siti, "Kampanye", "?label=campaign", T0);
        var replaced = await filters.SaveAsync(siti, "Lewat tenggat", "?overdue=true&sort=due", T0.AddHours(1));
        await filters.SaveAsync(budi, "Kampanye", "?label=campaign&mine=true", T0);

        Assert.Equal(overdue.Id, replaced.Id);
        Assert.Equal([("Kampanye", "?label=campaign"), ("Lewat tenggat", "?overdue=true&sort=due")], (await filters.ListAsync(siti)).Select(f => (f.Name, f.Query)));
        Assert.False(await filters.DeleteAsync(budi, overdue.Id));
        Assert.True(await filters.DeleteAsync(siti, overdue.Id));
        Assert.Equal(["Kampanye"], (await filters.ListAsync(siti)).Select(f => f.Name));
        Assert.Equal(["?label=campaign&mine=true"], (await filters.ListAsync(budi)).Select(f => f.Query));
        await Assert.ThrowsAsync<DomainValidationException>(() => filters.SaveAsync(siti, " ", "?", T0));
    }

    [SkippableFact]
    public async Task Many_audit_entries_are_appended_together()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var log = database.Get<IAuditLog>();

        await log.AppendManyAsync("siti", AuditActions.FlagDecision(DecisionKind.Dismiss), [("flag:1", "bukan"), ("flag:2", "bukan")], T0);

        var entries = await log.QueryAsync(null, null, "siti", null, 0, 10);
        Assert.Equal(["flag:2", "flag:1"], entries.Select(e => e.Subject));
        Assert.All(entries, e => Assert.Equal(("flag.dismiss", "bukan", T0), (e.Action, e.Details, e.At)));
    }
}

public sealed class SqliteTriageRepositoryTests() : TriageRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresTriageRepositoryTests() : TriageRepositoryTests(DatabaseEngine.Postgres);
