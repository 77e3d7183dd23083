using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Storage.Tests;

public abstract class AgencyRepositoryTests(DatabaseEngine engine)
{
    [SkippableFact]
    public async Task Adds_finds_case_insensitively_and_lists_by_code()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var agencies = database.Get<IAgencyRepository>();

        var pemkot = await agencies.AddAsync(" PEMKOT-MAJU ", "Pemerintah Kota Maju");
        var bkn = await agencies.AddAsync("BKN", "Badan Kepegawaian Negara");

        Assert.Equal("PEMKOT-MAJU", pemkot.Code);
        Assert.Equal(pemkot, await agencies.FindByCodeAsync("pemkot-maju"));
        Assert.Equal(bkn, await agencies.GetAsync(bkn.Id));
        Assert.Null(await agencies.FindByCodeAsync("NOPE"));
        Assert.Equal(["BKN", "PEMKOT-MAJU"], (await agencies.ListAsync()).Select(a => a.Code));
    }

    [SkippableFact]
    public async Task Duplicate_or_empty_code_is_a_validation_error()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var agencies = database.Get<IAgencyRepository>();
        await agencies.AddAsync("BKN", "Badan Kepegawaian Negara");

        var duplicate = await Assert.ThrowsAsync<DomainValidationException>(() => agencies.AddAsync("bkn", "Lagi"));
        var empty = await Assert.ThrowsAsync<DomainValidationException>(() => agencies.AddAsync("  ", "Tanpa kode"));

        Assert.Equal("agency code 'bkn' is already registered", duplicate.Message);
        Assert.Equal("an agency needs a code", empty.Message);
        Assert.Single(await agencies.ListAsync());
    }

    [SkippableFact]
    public async Task An_agency_may_name_the_region_it_serves()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var agencies = database.Get<IAgencyRepository>();

        var bandung = await agencies.AddAsync("PEMKOT-BDG", "Pemerintah Kota Bandung", " 32.73 ");
        var bkn = await agencies.AddAsync("BKN", "Badan Kepegawaian Negara");
        var malformed = await Assert.ThrowsAsync<DomainValidationException>(() => agencies.AddAsync("X", "X", "Jawa Barat"));
        var moved = await agencies.SetRegionAsync("bkn", "31");
        var cleared = await agencies.SetRegionAsync("PEMKOT-BDG", null);

        Assert.Equal("32.73", bandung.RegionCode);
        Assert.Null(bkn.RegionCode);
        Assert.Contains("region code 'Jawa Barat' is not a BPS/Kemendagri code", malformed.Message, StringComparison.Ordinal);
        Assert.Equal("31", moved.RegionCode);
        Assert.Equal(moved, await agencies.GetAsync(bkn.Id));
        Assert.Null(cleared.RegionCode);
        await Assert.ThrowsAsync<DomainValidationException>(() => agencies.SetRegionAsync("NOPE", "32"));
        Assert.Equal(2, (await agencies.ListAsync()).Count);
    }
}

public abstract class StaffRepositoryTests(DatabaseEngine engine)
{
    [SkippableFact]
    public async Task Adds_a_staff_member_to_an_agency_and_finds_them_by_nip()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var agency = await database.Get<IAgencyRepository>().AddAsync("BKN", "Badan Kepegawaian Negara");
        var staff = database.Get<IStaffRepository>();

        var added = await staff.AddAsync(new NewStaffMember(SampleRegistry.Nip(7), " Siti Rahma ", "Analis SDM", "bkn"));

        Assert.Equal("Siti Rahma", added.Name);
        Assert.Equal(agency.Id, added.AgencyId);
        Assert.Equal(added, await staff.FindByNipAsync(SampleRegistry.Nip(7)));
        Assert.Equal(added, await staff.GetAsync(added.Id));
        Assert.Equal([added], await staff.ListAsync(agency.Id));
        Assert.Empty(await staff.ListAsync(agency.Id + 1));
    }

    [SkippableFact]
    public async Task Duplicate_nip_and_unknown_agency_are_validation_errors()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        await database.Get<IAgencyRepository>().AddAsync("BKN", "Badan Kepegawaian Negara");
        var staff = database.Get<IStaffRepository>();
        await staff.AddAsync(new NewStaffMember(SampleRegistry.Nip(1), "Budi", null, "BKN"));

        var duplicate = await Assert.ThrowsAsync<DomainValidationException>(() => staff.AddAsync(new NewStaffMember(SampleRegistry.Nip(1), "Budi Lagi", null, "BKN")));
        var unknownAgency = await Assert.ThrowsAsync<DomainValidationException>(() => staff.AddAsync(new NewStaffMember(SampleRegistry.Nip(2), "Ani", null, "KPU")));

        Assert.Equal("a staff member with NIP 198504122010031001 is already registered", duplicate.Message);
        Assert.Equal("unknown agency 'KPU'", unknownAgency.Message);
        Assert.Single(await staff.ListAsync());
    }
}

public abstract class AccountRepositoryTests(DatabaseEngine engine)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Adds_an_account_linked_by_nip_and_finds_it_whatever_the_handle_spelling()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, staff, _) = await SampleRegistry.AddAccountAsync(database, handle: "first@kotamaju.example");
        var accounts = database.Get<IAccountRepository>();

        var added = await accounts.AddAsync(new NewAccount(Platform.Bluesky, "@Siti.bsky.social", staff.Nip, "did:plc:abc"));

        Assert.Equal("Siti.bsky.social", added.Handle);
        Assert.Equal(staff.Id, added.StaffId);
        Assert.Equal(AccountStatus.Active, added.Status);
        Assert.Equal("did:plc:abc", added.PlatformAccountId);
        Assert.Equal(added, await accounts.FindAsync(Platform.Bluesky, "siti.bsky.social"));
        Assert.Null(await accounts.FindAsync(Platform.Mastodon, "siti.bsky.social"));
        Assert.Equal(added, await accounts.GetAsync(added.Id));
        Assert.Equal([added], await accounts.ListAsync(Platform.Bluesky));
    }

    [SkippableFact]
    public async Task Unknown_nip_and_duplicate_handle_are_validation_errors()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, staff, account) = await SampleRegistry.AddAccountAsync(database, handle: "budi");
        var accounts = database.Get<IAccountRepository>();

        var unknown = await Assert.ThrowsAsync<DomainValidationException>(() => accounts.AddAsync(new NewAccount(Platform.X, "ani", SampleRegistry.Nip(99))));
        var duplicate = await Assert.ThrowsAsync<DomainValidationException>(() => accounts.AddAsync(new NewAccount(Platform.Mastodon, "@BUDI", staff.Nip)));

        Assert.Equal("no staff member with NIP 198504122010031099 is registered", unknown.Message);
        Assert.Equal("mastodon account 'BUDI' is already registered", duplicate.Message);
        Assert.Equal([account], await accounts.ListAsync());
    }

    [SkippableFact]
    public async Task Add_range_writes_all_or_nothing()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, staff, _) = await SampleRegistry.AddAccountAsync(database, handle: "budi");
        var accounts = database.Get<IAccountRepository>();

        var failing = accounts.AddRangeAsync([
            new NewAccount(Platform.X, "budi_x", staff.Nip),
            new NewAccount(Platform.Mastodon, "budi", staff.Nip),
        ]);
        await Assert.ThrowsAsync<DomainValidationException>(() => failing);
        Assert.Single(await accounts.ListAsync());

        var added = await accounts.AddRangeAsync([
            new NewAccount(Platform.X, "budi_x", staff.Nip),
            new NewAccount(Platform.Rss, "https://blog.example/feed.xml", staff.Nip),
        ]);
        Assert.Equal(2, added);
        Assert.Equal(3, (await accounts.ListAsync()).Count);
    }

    [SkippableFact]
    public async Task Due_accounts_are_active_ones_of_the_platform_least_recently_polled_first()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, staff, neverPolled) = await SampleRegistry.AddAccountAsync(database, handle: "never");
        var accounts = database.Get<IAccountRepository>();
        var old = await accounts.AddAsync(new NewAccount(Platform.Mastodon, "old", staff.Nip));
        var recent = await accounts.AddAsync(new NewAccount(Platform.Mastodon, "recent", staff.Nip));
        var disabled = await accounts.AddAsync(new NewAccount(Platform.Mastodon, "disabled", staff.Nip));
        var otherPlatform = await accounts.AddAsync(new NewAccount(Platform.X, "other", staff.Nip));
        await accounts.RecordPollSuccessAsync(old.Id, "c1", null, T0, default);
        await accounts.RecordPollSuccessAsync(recent.Id, "c1", null, T0.AddMinutes(50), default);
        await accounts.SetStatusAsync(disabled.Id, AccountStatus.Disabled, "left the agency");

        var due = await accounts.ListDueAsync(Platform.Mastodon, T0.AddMinutes(30), limit: 10);
        var limited = await accounts.ListDueAsync(Platform.Mastodon, T0.AddMinutes(60), limit: 2);

        Assert.Equal([neverPolled.Id, old.Id], due.Select(a => a.Id));
        Assert.Equal([neverPolled.Id, old.Id], limited.Select(a => a.Id));
        Assert.DoesNotContain(otherPlatform.Id, due.Select(a => a.Id));
    }

    [SkippableFact]
    public async Task Nodes_claiming_due_accounts_at_once_get_disjoint_leases()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, staff, _) = await SampleRegistry.AddAccountAsync(database, handle: "a0");
        var accounts = database.Get<IAccountRepository>();
        for (var i = 1; i < 40; i++)
        {
            await accounts.AddAsync(new NewAccount(Platform.Mastodon, $"a{i}", staff.Nip));
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(() =>
            accounts.ClaimDueAsync(Platform.Mastodon, T0, 15, $"node-{n}", T0, T0.AddMinutes(10)))));
        var again = await accounts.ClaimDueAsync(Platform.Mastodon, T0, 100, "node-5", T0.AddMinutes(1), T0.AddMinutes(11));

        var claimed = claims.SelectMany(c => c).Select(a => a.Id).ToList();
        Assert.Equal(40, claimed.Count);
        Assert.Equal(40, claimed.Distinct().Count());
        Assert.All(claims.SelectMany(c => c), a => Assert.Equal(1, a.LeaseToken));
        Assert.Empty(again);
    }

    [SkippableFact]
    public async Task An_expired_lease_is_claimed_again_and_the_stalled_node_cannot_move_the_cursor()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var accounts = database.Get<IAccountRepository>();

        var stalled = Assert.Single(await accounts.ClaimDueAsync(Platform.Mastodon, T0, 10, "node-a", T0, T0.AddMinutes(5)));
        var whileHeld = await accounts.ClaimDueAsync(Platform.Mastodon, T0.AddMinutes(4), 10, "node-b", T0.AddMinutes(4), T0.AddMinutes(9));
        var takenOver = Assert.Single(await accounts.ClaimDueAsync(Platform.Mastodon, T0.AddMinutes(6), 10, "node-b", T0.AddMinutes(6), T0.AddMinutes(11)));
        var newerRecorded = await accounts.RecordPollSuccessAsync(account.Id, "cursor-200", null, T0.AddMinutes(7), takenOver.LeaseToken);
        var staleRecorded = await accounts.RecordPollSuccessAsync(account.Id, "cursor-100", null, T0.AddMinutes(8), stalled.LeaseToken);
        var staleFailure = await accounts.RecordPollFailureAsync(account.Id, "timeout", permanent: false, T0.AddMinutes(8), stalled.LeaseToken);
        var stored = await accounts.GetAsync(account.Id);
        var dueAfterInterval = await accounts.ClaimDueAsync(Platform.Mastodon, T0.AddMinutes(8), 10, "node-c", T0.AddMinutes(30), T0.AddMinutes(35));

        Assert.Empty(whileHeld);
        Assert.True(takenOver.LeaseToken > stalled.LeaseToken);
        Assert.True(newerRecorded);
        Assert.False(staleRecorded);
        Assert.False(staleFailure);
        Assert.Equal(("cursor-200", T0.AddMinutes(7), 0), (stored!.Cursor, stored.LastPolledAt, stored.ConsecutiveFailures));
        // A recorded poll releases its lease: the account is due again after its interval, for any node.
        Assert.Equal([account.Id], dueAfterInterval.Select(a => a.Id));
    }

    [SkippableFact]
    public async Task Poll_success_moves_the_cursor_and_clears_failures()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var accounts = database.Get<IAccountRepository>();

        await accounts.RecordPollFailureAsync(account.Id, "HTTP 503", permanent: false, T0);
        await accounts.RecordPollFailureAsync(account.Id, "timeout", permanent: false, T0.AddMinutes(1));
        var failing = await accounts.GetAsync(account.Id);
        await accounts.RecordPollSuccessAsync(account.Id, "110000000000000042", "109876", T0.AddMinutes(2));
        var recovered = await accounts.GetAsync(account.Id);
        await accounts.RecordPollSuccessAsync(account.Id, null, null, T0.AddMinutes(3));
        var unchangedCursor = await accounts.GetAsync(account.Id);

        Assert.Equal((2, "timeout", AccountStatus.Active), (failing!.ConsecutiveFailures, failing.LastError?.ToString(), failing.Status));
        Assert.Equal((0, (string?)null, "110000000000000042", "109876", T0.AddMinutes(2)),
            (recovered!.ConsecutiveFailures, recovered.LastError?.ToString(), recovered.Cursor, recovered.PlatformAccountId, recovered.LastPolledAt));
        Assert.Equal(("110000000000000042", "109876"), (unchangedCursor!.Cursor, unchangedCursor.PlatformAccountId));
    }

    [SkippableFact]
    public async Task Permanent_failure_needs_attention_until_an_admin_reactivates()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var accounts = database.Get<IAccountRepository>();

        await accounts.RecordPollFailureAsync(account.Id, "404 account gone", permanent: true, T0);
        var broken = await accounts.GetAsync(account.Id);
        var dueWhileBroken = await accounts.ListDueAsync(Platform.Mastodon, T0.AddDays(1), 10);
        await accounts.SetStatusAsync(account.Id, AccountStatus.Active, "handle fixed");
        var reactivated = await accounts.GetAsync(account.Id);

        Assert.Equal((AccountStatus.NeedsAttention, 1, "404 account gone"), (broken!.Status, broken.ConsecutiveFailures, broken.LastError?.ToString()));
        Assert.Empty(dueWhileBroken);
        Assert.Single(await accounts.ListDueAsync(Platform.Mastodon, T0.AddDays(1), 10));
        Assert.Equal((AccountStatus.Active, 0), (reactivated!.Status, reactivated.ConsecutiveFailures));
        await Assert.ThrowsAsync<DomainValidationException>(() => accounts.SetStatusAsync(account.Id + 100, AccountStatus.Disabled, null));
    }

    [SkippableFact]
    public async Task A_poll_error_is_read_back_as_the_template_it_was_recorded_with_nested_phrases_included()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var accounts = database.Get<IAccountRepository>();
        LocalizableMessage what = $"Mastodon account @{"budi"} on {"kotamaju.example"}";

        await accounts.RecordPollFailureAsync(account.Id, $"{what}: request refused (HTTP {422}){": bad"}", permanent: true, T0);
        var error = (await accounts.GetAsync(account.Id))!.LastError!;

        Assert.Equal("{0}: request refused (HTTP {1}){2}", error.Template);
        var nested = Assert.IsType<LocalizableMessage>(error.Arguments[0]);
        Assert.Equal("Mastodon account @{0} on {1}", nested.Template);
        Assert.Equal("Mastodon account @budi on kotamaju.example: request refused (HTTP 422): bad", error.ToString());
    }
}

public sealed class SqliteAgencyRepositoryTests() : AgencyRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresAgencyRepositoryTests() : AgencyRepositoryTests(DatabaseEngine.Postgres);

public sealed class SqliteStaffRepositoryTests() : StaffRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresStaffRepositoryTests() : StaffRepositoryTests(DatabaseEngine.Postgres);

public sealed class SqliteAccountRepositoryTests() : AccountRepositoryTests(DatabaseEngine.Sqlite);

public sealed class PostgresAccountRepositoryTests() : AccountRepositoryTests(DatabaseEngine.Postgres);
