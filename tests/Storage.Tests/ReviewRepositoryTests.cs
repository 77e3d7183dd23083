using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Storage.Tests;

public abstract class ClassificationRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Saves_scores_and_signals_and_is_idempotent_per_version_and_model()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var post = (await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched("1"), T0)).Post;
        var classifications = database.Get<IClassificationRepository>();
        var result = SamplePosts.Classified(Label.Endorse, 0.8);

        var saved = await classifications.SaveAsync(post.Id, 1, result, T0);
        var again = await classifications.SaveAsync(post.Id, 1, SamplePosts.Classified(Label.Other, 0.6), T0.AddMinutes(1));
        var newModel = await classifications.SaveAsync(post.Id, 1, SamplePosts.Classified(Label.Civic, 0.7, "test-model-2"), T0.AddMinutes(2));
        var latest = await classifications.GetLatestAsync(post.Id);

        Assert.Equal((Label.Endorse, "test-model-1", 1, T0), (saved.Label, saved.ModelVersion, saved.PostVersion, saved.ClassifiedAt));
        Assert.Equal(result.Scores.OrderBy(s => s.Key), saved.Scores.OrderBy(s => s.Key));
        Assert.Equal(result.Signals, saved.Signals);
        Assert.Equal((saved.Id, Label.Endorse), (again.Id, again.Label));
        Assert.Equal(newModel.Id, latest!.Id);
        Assert.Null(await classifications.GetLatestAsync(post.Id + 1));
    }
}

public abstract class FlagRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Two agencies, one account each, and posts flagged one hour apart with the given labels and scores.</summary>
    private async Task<(TempDatabase Database, Agency A, Agency B, List<Flag> Flags, long UserId)> SeedAsync(params (string Agency, Label Label, double Score)[] flags)
    {
        var database = await TempDatabase.CreateAsync(engine);
        var (a, _, accountA) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 1, handle: "budi");
        var (b, _, accountB) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-B", 2, Platform.X, handle: "ani");
        var posts = database.Get<IPostRepository>();
        var classifications = database.Get<IClassificationRepository>();
        var repository = database.Get<IFlagRepository>();
        var created = new List<Flag>();
        for (var i = 0; i < flags.Length; i++)
        {
            var (agency, label, score) = flags[i];
            var account = agency == "A" ? accountA : accountB;
            var post = (await posts.StoreAsync(account.Id, SamplePosts.Fetched($"p{i}", $"Posting nomor {i}", account.Platform), T0)).Post;
            var classification = await classifications.SaveAsync(post.Id, 1, SamplePosts.Classified(label, score), T0);
            created.Add((await repository.CreateIfAbsentAsync(post.Id, classification.Id, label, score, T0.AddHours(i))).Flag);
        }
        var user = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "hash", [a.Id], T0);
        return (database, a, b, created, user.Id);
    }

    [SkippableFact]
    public async Task A_post_gets_one_flag_however_often_it_is_flagged()
    {
        var (database, a, _, flags, _) = await SeedAsync(("A", Label.Endorse, 0.9));
        await using var _ = database;
        var repository = database.Get<IFlagRepository>();

        var (again, created) = await repository.CreateIfAbsentAsync(flags[0].PostId, flags[0].ClassificationId, Label.Campaign, 0.5, T0.AddDays(1));

        Assert.False(created);
        Assert.Equal(flags[0], again);
        Assert.Equal((FlagStatus.Open, Label.Endorse, 0.9, T0), (flags[0].Status, flags[0].Label, flags[0].Score, flags[0].CreatedAt));
        await Assert.ThrowsAsync<DomainValidationException>(() => repository.CreateIfAbsentAsync(9999, flags[0].ClassificationId, Label.Endorse, 0.9, T0));
        Assert.Equal(1, (await repository.QueryAsync(new FlagQuery { AgencyIds = [a.Id] })).TotalCount);
    }

    [SkippableFact]
    public async Task Queue_filters_by_agency_label_platform_score_and_time_and_shows_the_triage_fields()
    {
        var (database, a, b, flags, _) = await SeedAsync(
            ("A", Label.Endorse, 0.9), ("A", Label.Campaign, 0.6), ("B", Label.Endorse, 0.7), ("A", Label.Oppose, 0.95));
        await using var _ = database;
        var repository = database.Get<IFlagRepository>();

        var officerA = await repository.QueryAsync(new FlagQuery { AgencyIds = [a.Id] });
        var noAgencies = await repository.QueryAsync(new FlagQuery { AgencyIds = [] });
        var endorse = await repository.QueryAsync(new FlagQuery { Label = Label.Endorse, Sort = FlagSort.OldestFirst });
        var onX = await repository.QueryAsync(new FlagQuery { Platform = Platform.X });
        var confident = await repository.QueryAsync(new FlagQuery { MinScore = 0.8, Sort = FlagSort.HighestScore });
        var window = await repository.QueryAsync(new FlagQuery { From = T0.AddHours(1), To = T0.AddHours(3) });

        Assert.Equal([flags[3].Id, flags[1].Id, flags[0].Id], officerA.Items.Select(i => i.Flag.Id));
        Assert.Equal(3, officerA.TotalCount);
        Assert.Empty(noAgencies.Items);
        Assert.Equal([flags[0].Id, flags[2].Id], endorse.Items.Select(i => i.Flag.Id));
        Assert.Equal([flags[2].Id], onX.Items.Select(i => i.Flag.Id));
        Assert.Equal([flags[3].Id, flags[0].Id], confident.Items.Select(i => i.Flag.Id));
        Assert.Equal([flags[2].Id, flags[1].Id], window.Items.Select(i => i.Flag.Id));

        var row = onX.Items[0];
        Assert.Equal(("Posting nomor 2", Platform.X, "ani", "Pegawai 2", SampleRegistry.Nip(2), b.Id, "Pemerintah PEMKOT-B"),
            (row.PostExcerpt, row.Platform, row.AccountHandle, row.StaffName, row.StaffNip, row.AgencyId, row.AgencyName));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), row.PostCreatedAt);
    }

    [SkippableFact]
    public async Task The_election_of_a_flag_is_recorded_once_and_filters_the_queue()
    {
        var (database, a, _, flags, _) = await SeedAsync(("A", Label.Endorse, 0.9), ("B", Label.Campaign, 0.6), ("A", Label.Oppose, 0.7));
        await using var _ = database;
        var repository = database.Get<IFlagRepository>();
        await database.Get<IAgencyRepository>().SetRegionAsync(a.Code, "32.73");

        var pending = await repository.ListWithoutElectionAsync(10);
        await repository.RecordElectionsAsync([
            (flags[2].Id, FlagElection.None),
            (flags[0].Id, new FlagElection(ElectionPhaseKind.Quiet,
                [new FlagContest("pilpres-2024", ElectionPhaseKind.Quiet), new FlagContest("pilkada-2024-jawa-barat", ElectionPhaseKind.BeforeCandidatesSet)])),
        ]);
        await repository.RecordElectionsAsync([(flags[1].Id, new FlagElection(ElectionPhaseKind.Campaign, [new FlagContest("pilkada-2024-jawa-barat", ElectionPhaseKind.Campaign)]))]);
        // Recorded once: a second recording does not overwrite the first.
        await repository.RecordElectionsAsync([(flags[1].Id, FlagElection.None), (flags[0].Id, FlagElection.None)]);

        Assert.Equal(flags.Select(f => f.Id), pending.Select(p => p.FlagId));
        Assert.Equal(["32.73", null, "32.73"], pending.Select(p => p.RegionCode));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), pending[0].PostCreatedAt);
        Assert.Contains(pending[0].Signals, s => s.Feature == "pair:pilpres-2024/2");
        Assert.Empty(await repository.ListWithoutElectionAsync(10));
        Assert.Null(flags[0].Election);

        var quiet = await repository.QueryAsync(new FlagQuery { Phase = ElectionPhaseKind.Quiet });
        var jabar = await repository.QueryAsync(new FlagQuery { ContestId = "pilkada-2024-jawa-barat", Sort = FlagSort.OldestFirst });
        var prefix = await repository.QueryAsync(new FlagQuery { ContestId = "pilkada-2024-jawa" });
        var wildcard = await repository.QueryAsync(new FlagQuery { ContestId = "%" });
        var jabarCampaign = await repository.QueryAsync(new FlagQuery { ContestId = "pilkada-2024-jawa-barat", Phase = ElectionPhaseKind.Campaign });

        Assert.Equal([flags[0].Id], quiet.Items.Select(i => i.Flag.Id));
        Assert.Equal("pilpres-2024:quiet,pilkada-2024-jawa-barat:before_candidates_set", quiet.Items[0].Flag.Election!.ContestsCode);
        Assert.True(quiet.Items[0].Flag.Election!.OnNoCampaignDay);
        Assert.Equal([flags[0].Id, flags[1].Id], jabar.Items.Select(i => i.Flag.Id));
        Assert.Empty(prefix.Items);
        Assert.Empty(wildcard.Items);
        Assert.Equal([flags[1].Id], jabarCampaign.Items.Select(i => i.Flag.Id));
        var outside = (await repository.GetDetailAsync(flags[2].Id))!.Flag.Election;
        Assert.Same(FlagElection.None, outside);
    }

    [SkippableFact]
    public async Task Workers_recording_overlapping_elections_at_once_record_each_flag_once()
    {
        var (database, _, _, flags, _) = await SeedAsync([.. Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? "A" : "B", Label.Endorse, 0.9))]);
        await using var _ = database;
        var repository = database.Get<IFlagRepository>();
        var phases = new[] { ElectionPhaseKind.Quiet, ElectionPhaseKind.Campaign, ElectionPhaseKind.VotingDay, ElectionPhaseKind.AfterVote };

        // Each worker records every flag, in an order of its own, with an election of its own; four at once.
        await Task.WhenAll(phases.Select((phase, w) => Task.Run(() => repository.RecordElectionsAsync(
            [.. flags.OrderBy(f => (f.Id * (w + 3)) % 41).Select(f => (f.Id, new FlagElection(phase, [new FlagContest($"contest-{w}", phase)])))]))));

        foreach (var flag in flags)
        {
            var election = (await repository.GetDetailAsync(flag.Id))!.Flag.Election!;
            var worker = Array.IndexOf(phases, election.Phase!.Value);
            Assert.Equal($"contest-{worker}", Assert.Single(election.Contests).ContestId);
        }
        Assert.Empty(await repository.ListWithoutElectionAsync(10));
    }

    [SkippableFact]
    public async Task The_recorder_ties_flags_to_their_regions_contests_or_to_the_ones_they_name()
    {
        var (database, a, _, flags, _) = await SeedAsync(("A", Label.Endorse, 0.9), ("B", Label.Campaign, 0.6));
        await using var _ = database;
        await database.Get<IAgencyRepository>().SetRegionAsync(a.Code, "32.73");
        // Posts are of 1 Nov 2026. The sample explanation names "pair:pilpres-2024/2", i.e. contest "pilpres-2024".
        var calendar = new ElectionCalendar([
            new ContestSchedule("national", "National", ContestKind.Pilpres, null, new(2026, 12, 1), null, null, null, null, new(2027, 1, 10)),
            new ContestSchedule("pilwalkot-32.73", "Kota", ContestKind.Pilwalkot, "32.73", new(2026, 9, 1), new(2026, 10, 1), new(2026, 10, 30), new(2026, 10, 31), new(2026, 11, 2), new(2026, 11, 3)),
            new ContestSchedule("pilpres-2024", "Named", ContestKind.Pilgub, "33", null, null, null, null, null, new(2026, 11, 1)),
            new ContestSchedule("pilgub-34", "Elsewhere", ContestKind.Pilgub, "34", null, null, null, null, null, new(2026, 12, 1)),
        ]);
        var recorder = new Core.Ingestion.FlagElectionRecorder(database.Get<IFlagRepository>(), calendar);

        Assert.Equal(2, await recorder.RecordPendingAsync(default));
        Assert.Equal(0, await recorder.RecordPendingAsync(default));

        var inRegion = (await database.Get<IFlagRepository>().GetDetailAsync(flags[0].Id))!.Flag.Election!;
        var regionUnknown = (await database.Get<IFlagRepository>().GetDetailAsync(flags[1].Id))!.Flag.Election!;
        Assert.Equal("national:before_candidates_set,pilwalkot-32.73:quiet", inRegion.ContestsCode);
        Assert.Equal(ElectionPhaseKind.BeforeCandidatesSet, inRegion.Phase);
        Assert.Equal("national:before_candidates_set,pilpres-2024:voting_day", regionUnknown.ContestsCode);
        Assert.Equal(ElectionPhaseKind.VotingDay, regionUnknown.Phase);
        Assert.True(regionUnknown.OnNoCampaignDay);
    }

    [SkippableFact]
    public async Task Queue_pages_and_counts_per_status()
    {
        var (database, _, _, flags, userId) = await SeedAsync(
            ("A", Label.Endorse, 0.9), ("A", Label.Endorse, 0.9), ("A", Label.Endorse, 0.9), ("B", Label.Endorse, 0.9), ("B", Label.Endorse, 0.9));
        await using var _ = database;
        var repository = database.Get<IFlagRepository>();
        await repository.RecordDecisionAsync(flags[0].Id, userId, DecisionKind.Dismiss, null, "berita resmi KPU", T0);
        await repository.RecordDecisionAsync(flags[1].Id, userId, DecisionKind.Assign, null, null, T0);

        var page2 = await repository.QueryAsync(new FlagQuery { Statuses = [FlagStatus.Open, FlagStatus.InReview], PageSize = 2, Page = 2, Sort = FlagSort.OldestFirst });
        var counts = await repository.CountByStatusAsync(new FlagQuery { Statuses = [FlagStatus.Open] });
        var mine = await repository.QueryAsync(new FlagQuery { AssigneeUserId = userId });

        Assert.Equal((4, 2, 2), (page2.TotalCount, page2.Page, page2.PageSize));
        Assert.Equal([flags[3].Id, flags[4].Id], page2.Items.Select(i => i.Flag.Id));
        Assert.Equal(3, counts[FlagStatus.Open]);
        Assert.Equal(1, counts[FlagStatus.InReview]);
        Assert.Equal(1, counts[FlagStatus.Dismissed]);
        Assert.Equal(0, counts[FlagStatus.Confirmed]);
        Assert.Equal([flags[1].Id], mine.Items.Select(i => i.Flag.Id));
    }

    [Theory]
    [InlineData(DecisionKind.Confirm, FlagStatus.Confirmed)]
    [InlineData(DecisionKind.Dismiss, FlagStatus.Dismissed)]
    [InlineData(DecisionKind.Escalate, FlagStatus.Escalated)]
    [InlineData(DecisionKind.Assign, FlagStatus.InReview)]
    [InlineData(DecisionKind.Note, FlagStatus.Open)]
    public async Task A_decision_is_appended_and_moves_the_flag(DecisionKind kind, FlagStatus expected)
    {
        var (database, _, _, flags, userId) = await SeedAsync(("A", Label.Endorse, 0.9));
        await using var _ = database;
        var repository = database.Get<IFlagRepository>();
        var category = kind == DecisionKind.Confirm ? ViolationCategory.PartisanSymbol : (ViolationCategory?)null;
        var reason = kind is DecisionKind.Assign ? null : "pose dua jari dengan atribut partai";

        var decision = await repository.RecordDecisionAsync(flags[0].Id, userId, kind, category, reason, T0.AddDays(1));
        var detail = await repository.GetDetailAsync(flags[0].Id);

        Assert.Equal((flags[0].Id, userId, kind, category, reason, T0.AddDays(1)),
            (decision.FlagId, decision.UserId, decision.Kind, decision.Category, decision.Reason, decision.DecidedAt));
        Assert.Equal(expected, detail!.Flag.Status);
        Assert.Equal(T0.AddDays(1), detail.Flag.UpdatedAt);
        Assert.Equal(kind == DecisionKind.Assign ? userId : null, detail.Flag.AssigneeUserId);
        Assert.Equal([decision], detail.History);
    }

    [SkippableFact]
    public async Task Decisions_missing_a_reason_or_category_or_flag_are_refused_and_nothing_changes()
    {
        var (database, _, _, flags, userId) = await SeedAsync(("A", Label.Endorse, 0.9));
        await using var _ = database;
        var repository = database.Get<IFlagRepository>();

        await Assert.ThrowsAsync<DomainValidationException>(() => repository.RecordDecisionAsync(flags[0].Id, userId, DecisionKind.Confirm, null, "alasan", T0));
        await Assert.ThrowsAsync<DomainValidationException>(() => repository.RecordDecisionAsync(flags[0].Id, userId, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, " ", T0));
        await Assert.ThrowsAsync<DomainValidationException>(() => repository.RecordDecisionAsync(flags[0].Id, userId, DecisionKind.Dismiss, null, null, T0));
        var missing = await Assert.ThrowsAsync<DomainValidationException>(() => repository.RecordDecisionAsync(9999, userId, DecisionKind.Escalate, null, "perlu supervisor", T0));

        Assert.Equal("no flag with id 9999", missing.Message);
        var detail = await repository.GetDetailAsync(flags[0].Id);
        Assert.Equal(FlagStatus.Open, detail!.Flag.Status);
        Assert.Empty(detail.History);
    }

    [SkippableFact]
    public async Task Detail_carries_post_versions_classification_registry_and_history()
    {
        var (database, a, _, flags, userId) = await SeedAsync(("A", Label.Endorse, 0.9));
        await using var _ = database;
        var repository = database.Get<IFlagRepository>();
        await repository.RecordDecisionAsync(flags[0].Id, userId, DecisionKind.Note, null, "cek foto", T0.AddHours(1));
        await repository.RecordDecisionAsync(flags[0].Id, userId, DecisionKind.Escalate, null, "perlu supervisor", T0.AddHours(2));

        var detail = await repository.GetDetailAsync(flags[0].Id);

        Assert.Equal(flags[0].PostId, detail!.Post.Id);
        Assert.Single(detail.Versions);
        Assert.Equal((flags[0].ClassificationId, Label.Endorse), (detail.Classification.Id, detail.Classification.Label));
        Assert.Equal(("budi", SampleRegistry.Nip(1), a), (detail.Account.Handle, detail.Staff.Nip, detail.Agency));
        Assert.Equal([DecisionKind.Note, DecisionKind.Escalate], detail.History.Select(h => h.Kind));
        Assert.Null(await repository.GetDetailAsync(9999));
    }

    [SkippableFact]
    public async Task Digest_and_dashboard_queries_cover_a_time_window()
    {
        var (database, a, _, flags, _) = await SeedAsync(("A", Label.Endorse, 0.9), ("A", Label.Campaign, 0.9), ("B", Label.Endorse, 0.9), ("A", Label.Endorse, 0.9));
        await using var _ = database;
        var repository = database.Get<IFlagRepository>();

        var created = await repository.ListCreatedBetweenAsync([a.Id], T0, T0.AddHours(3));
        var all = await repository.ListCreatedBetweenAsync(null, T0.AddHours(1), T0.AddDays(1));
        var perDay = await repository.CountPerDayAsync(null, T0, T0.AddDays(1), TimeSpan.Zero);

        Assert.Equal([flags[0].Id, flags[1].Id], created.Select(c => c.Flag.Id));
        Assert.Equal([flags[1].Id, flags[2].Id, flags[3].Id], all.Select(c => c.Flag.Id));
        Assert.Equal([(new DateOnly(2026, 11, 2), Label.Endorse, 3), (new DateOnly(2026, 11, 2), Label.Campaign, 1)],
            perDay.OrderByDescending(p => p.Count));
    }

    [Fact]
    public async Task Days_of_the_dashboard_begin_at_the_readers_midnight()
    {
        // Flags at 00:00, 01:00, 02:00 and 03:00 UTC; at UTC-2 the first two fall on the day before.
        var (database, _, _, _, _) = await SeedAsync(("A", Label.Endorse, 0.9), ("A", Label.Campaign, 0.9), ("B", Label.Endorse, 0.9), ("A", Label.Endorse, 0.9));
        await using var _ = database;

        var perDay = await database.Get<IFlagRepository>().CountPerDayAsync(null, T0.AddDays(-1), T0.AddDays(1), TimeSpan.FromHours(-2));

        Assert.Equal([(new DateOnly(2026, 11, 1), Label.Campaign, 1), (new DateOnly(2026, 11, 1), Label.Endorse, 1), (new DateOnly(2026, 11, 2), Label.Endorse, 2)],
            perDay.OrderBy(p => p.Day).ThenBy(p => p.Label.ToCode()));
    }
}

public abstract class UserRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Adds_users_with_their_agencies_and_finds_them()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (a, _, _) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-A", 1);
        var (b, _, _) = await SampleRegistry.AddAccountAsync(database, "PEMKOT-B", 2);
        var users = database.Get<IUserRepository>();

        var officer = await users.AddAsync("siti", "Siti Rahma", "siti@kotamaju.example", Role.Officer, "PBKDF2$hash", [b.Id, a.Id], T0);
        var admin = await users.AddAsync("admin", "Admin", "admin@kotamaju.example", Role.Admin, "PBKDF2$other", [], T0);

        Assert.Equal(("siti", "Siti Rahma", Role.Officer, "PBKDF2$hash", true, 0, T0),
            (officer.UserName, officer.DisplayName, officer.Role, officer.PasswordHash, officer.IsActive, officer.FailedSignIns, officer.CreatedAt));
        Assert.Equal([a.Id, b.Id], officer.AgencyIds);
        Assert.Equal(officer.Id, (await users.FindByUserNameAsync("SITI"))!.Id);
        Assert.Equal([a.Id, b.Id], (await users.GetAsync(officer.Id))!.AgencyIds);
        Assert.Equal(["admin", "siti"], (await users.ListAsync()).Select(u => u.UserName));
        Assert.Equal([admin.Id], (await users.ListAsync(Role.Admin)).Select(u => u.Id));
    }

    [SkippableFact]
    public async Task Taken_user_name_and_unknown_agency_are_refused_without_a_trace()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var users = database.Get<IUserRepository>();
        await users.AddAsync("siti", "Siti", "s@x.example", Role.Officer, "h", [], T0);

        var taken = await Assert.ThrowsAsync<DomainValidationException>(() => users.AddAsync("Siti", "Siti 2", "s2@x.example", Role.Admin, "h", [], T0));
        var unknown = await Assert.ThrowsAsync<DomainValidationException>(() => users.AddAsync("budi", "Budi", "b@x.example", Role.Officer, "h", [42], T0));

        Assert.Equal("user name 'Siti' is taken", taken.Message);
        Assert.Equal("unknown agency id 42", unknown.Message);
        Assert.Null(await users.FindByUserNameAsync("budi"));
    }

    [SkippableFact]
    public async Task Sign_in_failures_count_and_lock_until_a_success()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var users = database.Get<IUserRepository>();
        var user = await users.AddAsync("siti", "Siti", "s@x.example", Role.Officer, "h", [], T0);

        var first = await users.RecordFailedSignInAsync(user.Id, maxFailures: 2, lockUntil: T0.AddMinutes(15));
        var second = await users.RecordFailedSignInAsync(user.Id, maxFailures: 2, lockUntil: T0.AddMinutes(15));
        var locked = await users.GetAsync(user.Id);
        var refusedWhileLocked = await users.RecordSignInSucceededAsync(user.Id, T0.AddMinutes(1));
        var acceptedAfterLock = await users.RecordSignInSucceededAsync(user.Id, T0.AddMinutes(15));
        var cleared = await users.GetAsync(user.Id);
        await users.SetActiveAsync(user.Id, false);

        Assert.Equal((1, (DateTimeOffset?)null), first);
        Assert.Equal((2, (DateTimeOffset?)T0.AddMinutes(15)), second);
        Assert.Equal((2, T0.AddMinutes(15)), (locked!.FailedSignIns, locked.LockedUntil));
        Assert.False(refusedWhileLocked);
        Assert.True(acceptedAfterLock);
        Assert.Equal((0, (DateTimeOffset?)null), (cleared!.FailedSignIns, cleared.LockedUntil));
        Assert.False((await users.GetAsync(user.Id))!.IsActive);
    }

    [SkippableFact]
    public async Task Concurrent_failures_each_count_once_and_lock_from_the_limit_on()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var users = database.Get<IUserRepository>();
        var user = await users.AddAsync("siti", "Siti", "s@x.example", Role.Officer, "h", [], T0);

        // 24 attempts at once (as on several nodes): a read-then-write count would lose some of them.
        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ =>
            Task.Run(() => users.RecordFailedSignInAsync(user.Id, maxFailures: 5, lockUntil: T0.AddMinutes(15)))));

        Assert.Equal(Enumerable.Range(1, 24), results.Select(r => r.Failures).Order());
        Assert.All(results, r => Assert.Equal(r.Failures >= 5 ? T0.AddMinutes(15) : null, r.LockedUntil));
        var stored = await users.GetAsync(user.Id);
        Assert.Equal((24, T0.AddMinutes(15)), (stored!.FailedSignIns, stored.LockedUntil));
    }
}

public abstract class AuditLogTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Appends_and_queries_newest_first_with_filters()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var log = database.Get<IAuditLog>();
        await log.AppendAsync("cli:root", "agency.add", "agency:BKN", "Badan Kepegawaian Negara", T0);
        await log.AppendAsync("web:siti", "flag.view", "flag:1", null, T0.AddMinutes(1));
        await log.AppendAsync("web:siti", "flag.decide", "flag:1", "dismiss", T0.AddMinutes(2));

        var all = await log.QueryAsync(null, null, null, null, 0, 100);
        var siti = await log.QueryAsync(null, null, "web:siti", null, 0, 100);
        var window = await log.QueryAsync(T0.AddMinutes(1), T0.AddMinutes(2), null, null, 0, 100);
        var paged = await log.QueryAsync(null, null, null, null, 1, 1);
        var byAction = await log.QueryAsync(null, null, null, "agency.add", 0, 100);

        Assert.Equal(["flag.decide", "flag.view", "agency.add"], all.Select(e => e.Action));
        Assert.Equal(2, siti.Count);
        Assert.Equal(["flag.view"], window.Select(e => e.Action));
        Assert.Equal(["flag.view"], paged.Select(e => e.Action));
        Assert.Equal(("cli:root", "agency:BKN", "Badan Kepegawaian Negara", T0), (byAction[0].Actor, byAction[0].Subject, byAction[0].Details, byAction[0].At));
    }

    [SkippableFact]
    public async Task The_database_itself_refuses_to_change_or_delete_audit_entries_and_decisions()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        await database.Get<IAuditLog>().AppendAsync("cli:root", "agency.add", null, null, T0);
        await using var connection = await database.Get<DbConnectionFactory>().OpenAsync(default);

        var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE audit_log SET actor = 'someone else'"));
        var delete = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM audit_log"));
        var deleteDecisions = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(async () =>
        {
            var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
            var post = (await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched("1"), T0)).Post;
            var classification = await database.Get<IClassificationRepository>().SaveAsync(post.Id, 1, SamplePosts.Classified(Label.Endorse), T0);
            var (flag, _) = await database.Get<IFlagRepository>().CreateIfAbsentAsync(post.Id, classification.Id, Label.Endorse, 0.9, T0);
            var user = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "s@x.example", Role.Officer, "h", [], T0);
            await database.Get<IFlagRepository>().RecordDecisionAsync(flag.Id, user.Id, DecisionKind.Escalate, null, "perlu supervisor", T0);
            await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM review_decisions");
        });

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Contains("append-only", deleteDecisions.Message);
        Assert.Single(await database.Get<IAuditLog>().QueryAsync(null, null, null, null, 0, 10));
    }
}

public abstract class OutboxTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Enqueue_is_idempotent_on_the_key()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var outbox = database.Get<IOutbox>();

        var first = await outbox.EnqueueAsync("digest:siti:2026-11-02", "siti@x.example", "Ringkasan", "<p>hai</p>", "hai", T0);
        var second = await outbox.EnqueueAsync("digest:siti:2026-11-02", "siti@x.example", "Ringkasan lagi", "<p>lagi</p>", "lagi", T0.AddMinutes(1));

        Assert.True(first);
        Assert.False(second);
        Assert.True(await outbox.ExistsAsync("digest:siti:2026-11-02"));
        Assert.False(await outbox.ExistsAsync("digest:siti:2026-11-03"));
        var due = Assert.Single(await outbox.ListDueAsync(T0, 10));
        Assert.Equal(("siti@x.example", "Ringkasan", "<p>hai</p>", "hai", 0), (due.To, due.Subject, due.HtmlBody, due.TextBody, due.Attempts));
    }

    [SkippableFact]
    public async Task Failed_messages_wait_for_their_next_attempt_and_sent_ones_leave_the_queue()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var outbox = database.Get<IOutbox>();
        await outbox.EnqueueAsync("a", "a@x.example", "A", "<p>A</p>", "A", T0);
        await outbox.EnqueueAsync("b", "b@x.example", "B", "<p>B</p>", "B", T0.AddSeconds(1));
        var a = (await outbox.ListDueAsync(T0.AddSeconds(1), 10))[0];

        await outbox.MarkFailedAsync(a.Id, "connection refused", T0.AddMinutes(5));
        var dueSoon = await outbox.ListDueAsync(T0.AddMinutes(1), 10);
        var dueLater = await outbox.ListDueAsync(T0.AddMinutes(5), 10);
        await outbox.MarkSentAsync(a.Id, T0.AddMinutes(6));
        await outbox.MarkFailedAsync(a.Id, "late failure report", T0.AddMinutes(7));

        Assert.Equal(["b"], dueSoon.Select(m => m.Key));
        Assert.Equal(["b", "a"], dueLater.Select(m => m.Key));
        Assert.Equal((1, "connection refused"), (dueLater[1].Attempts, dueLater[1].LastError));
        Assert.Equal(["b"], (await outbox.ListDueAsync(T0.AddDays(1), 10)).Select(m => m.Key));
    }
}

public abstract class JobStateStoreTests(DatabaseEngine engine)
{
    [SkippableFact]
    public async Task Values_survive_a_new_connection_and_are_overwritten()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var store = database.Get<IJobStateStore>();

        Assert.Null(await store.GetAsync("digest:siti"));
        await store.SetAsync("digest:siti", "2026-11-01T23:00:00Z", DateTimeOffset.UnixEpoch);
        await store.SetAsync("digest:siti", "2026-11-02T23:00:00Z", DateTimeOffset.UnixEpoch.AddDays(1));

        Assert.Equal("2026-11-02T23:00:00Z", await store.GetAsync("digest:siti"));
    }
}

public sealed class SqliteClassificationRepositoryTests() : ClassificationRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresClassificationRepositoryTests() : ClassificationRepositoryTests(DatabaseEngine.Postgres);

public sealed class SqliteFlagRepositoryTests() : FlagRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresFlagRepositoryTests() : FlagRepositoryTests(DatabaseEngine.Postgres);

public sealed class SqliteUserRepositoryTests() : UserRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresUserRepositoryTests() : UserRepositoryTests(DatabaseEngine.Postgres);

public sealed class SqliteAuditLogTests() : AuditLogTests(DatabaseEngine.Sqlite);

public sealed class PostgresAuditLogTests() : AuditLogTests(DatabaseEngine.Postgres);

public sealed class SqliteOutboxTests() : OutboxTests(DatabaseEngine.Sqlite);

public sealed class PostgresOutboxTests() : OutboxTests(DatabaseEngine.Postgres);

public sealed class SqliteJobStateStoreTests() : JobStateStoreTests(DatabaseEngine.Sqlite);

public sealed class PostgresJobStateStoreTests() : JobStateStoreTests(DatabaseEngine.Postgres);
