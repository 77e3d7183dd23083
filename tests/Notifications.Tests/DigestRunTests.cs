using Microsoft.Extensions.Time.Testing;
using SocialWatch.Core.Digest;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Notifications;
using SocialWatch.Testing;

namespace SocialWatch.Notifications.Tests;

/// <summary>The nightly run over a real SQLite file with a manual clock: Jakarta dates, once per period, missed nights.</summary>
public sealed class DigestRunTests
{
    private static readonly TimeZoneInfo Jakarta = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
    private static readonly DigestSettings Settings = new(Jakarta, 5, TimeSpan.FromDays(7), SendWhenEmpty: false, TimeSpan.FromDays(1));

    [Fact]
    public void Period_is_the_date_in_Jakarta() =>
        Assert.Equal(new DateOnly(2026, 11, 21), DigestRun.PeriodDate(new DateTimeOffset(2026, 11, 20, 23, 0, 0, TimeSpan.Zero), Jakarta));

    [Fact]
    public async Task A_digest_is_stored_once_per_period_and_missed_nights_are_caught_up_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 21, 0, 0, TimeSpan.Zero)); // 04:00 WIB, 21 Nov
        await using var database = await TempDatabase.CreateAsync(time);
        var (agency, _, account) = await SampleRegistry.AddAccountAsync(database);
        await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "x", [agency.Id], time.GetUtcNow());
        async Task FlagAsync(string id)
        {
            var stored = await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched(id), time.GetUtcNow());
            var c = await database.Get<IClassificationRepository>().SaveAsync(stored.Post.Id, stored.Post.Version, SamplePosts.Classified(Label.Campaign), time.GetUtcNow());
            await database.Get<IFlagRepository>().CreateIfAbsentAsync(stored.Post.Id, c.Id, Label.Campaign, 0.8, time.GetUtcNow());
        }
        var run = database.Get<DigestRun>();
        var outbox = database.Get<IOutbox>();

        await FlagAsync("a");
        time.Advance(TimeSpan.FromHours(2)); // 06:00 WIB
        Assert.Equal(1, await run.BuildDueAsync(Settings, default));
        Assert.Equal(0, await run.BuildDueAsync(Settings, default)); // same Jakarta date: already stored

        // Down for three nights; two flags arrive meanwhile. One digest covers the whole gap.
        time.Advance(TimeSpan.FromDays(1));
        await FlagAsync("b");
        time.Advance(TimeSpan.FromDays(2));
        await FlagAsync("c");
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await run.BuildDueAsync(Settings, default));
        var due = await outbox.ListDueAsync(time.GetUtcNow(), 10);
        Assert.Equal(2, due.Count);
        Assert.Contains(due, m => m.Key.EndsWith(":2026-11-24", StringComparison.Ordinal) && m.Subject.Contains("2 tanda baru", StringComparison.Ordinal));

        // A night with nothing new still reports the open backlog.
        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await run.BuildDueAsync(Settings, default));
        Assert.Contains(await outbox.ListDueAsync(time.GetUtcNow(), 10), m => m.Subject.Contains("tidak ada tanda baru", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Supervisors_get_the_digest_of_their_agencies_and_admins_and_auditors_none()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 21, 0, 0, TimeSpan.Zero)); // 04:00 WIB, 21 Nov
        await using var database = await TempDatabase.CreateAsync(time);
        var (agency, _, account) = await SampleRegistry.AddAccountAsync(database);
        var users = database.Get<IUserRepository>();
        await users.AddAsync("hendra", "Hendra", "hendra@kotamaju.example", Role.Supervisor, "x", [agency.Id], time.GetUtcNow());
        await users.AddAsync("root", "Root", "root@kotamaju.example", Role.Admin, "x", [], time.GetUtcNow());
        await users.AddAsync("agus", "Agus", "agus@kotamaju.example", Role.Auditor, "x", [], time.GetUtcNow());
        var stored = await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched("a"), time.GetUtcNow());
        var c = await database.Get<IClassificationRepository>().SaveAsync(stored.Post.Id, stored.Post.Version, SamplePosts.Classified(Label.Campaign), time.GetUtcNow());
        await database.Get<IFlagRepository>().CreateIfAbsentAsync(stored.Post.Id, c.Id, Label.Campaign, 0.8, time.GetUtcNow());
        time.Advance(TimeSpan.FromHours(2)); // 06:00 WIB

        Assert.Equal(1, await database.Get<DigestRun>().BuildDueAsync(Settings, default));

        Assert.Equal("hendra@kotamaju.example", Assert.Single(await database.Get<IOutbox>().ListDueAsync(time.GetUtcNow(), 10)).To);
    }

    [Fact]
    public async Task Per_night_catch_up_stores_one_digest_per_missed_night_each_with_its_own_flags()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 23, 0, 0, TimeSpan.Zero)); // 06:00 WIB, 21 Nov
        await using var database = await TempDatabase.CreateAsync(time);
        var (agency, _, account) = await SampleRegistry.AddAccountAsync(database);
        var officer = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "x", [agency.Id], time.GetUtcNow());
        var run = database.Get<DigestRun>();
        var perNight = Settings with { CatchUp = DigestCatchUp.PerNight, SendWhenEmpty = true };
        Assert.Equal(1, await run.BuildDueAsync(perNight, default)); // 21 Nov

        // Down from 22 to 24 Nov; one flag on the 22nd (WIB), two on the 24th; back at 06:00 WIB on the 25th.
        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(3));
        await FlagAsync(database, account.Id, "a", time);
        time.Advance(TimeSpan.FromDays(2));
        await FlagAsync(database, account.Id, "b", time);
        await FlagAsync(database, account.Id, "c", time);
        time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromHours(3));
        Assert.Equal(4, await run.BuildDueAsync(perNight, default));

        var due = (await database.Get<IOutbox>().ListDueAsync(time.GetUtcNow(), 10)).ToDictionary(m => m.Key[(m.Key.LastIndexOf(':') + 1)..]);
        Assert.Equal(["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"], due.Keys.Order());
        Assert.Contains("tidak ada tanda baru", due["2026-11-22"].Subject, StringComparison.Ordinal); // 21 Nov 06:00 to 22 Nov 06:00
        Assert.Contains("1 tanda baru", due["2026-11-23"].Subject, StringComparison.Ordinal);
        Assert.Contains("tidak ada tanda baru", due["2026-11-24"].Subject, StringComparison.Ordinal);
        Assert.Contains("2 tanda baru", due["2026-11-25"].Subject, StringComparison.Ordinal);
        Assert.Equal(time.GetUtcNow(), await database.Get<DigestBuilder>().CoveredUpToAsync(officer, default));
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public async Task An_empty_night_sends_nothing_new_only_when_configured_and_still_moves_covered_up_to(bool sendWhenEmpty, int expected)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 23, 0, 0, TimeSpan.Zero));
        await using var database = await TempDatabase.CreateAsync(time);
        var (agency, _, _) = await SampleRegistry.AddAccountAsync(database);
        var officer = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "x", [agency.Id], time.GetUtcNow());

        Assert.Equal(expected, await database.Get<DigestRun>().BuildDueAsync(Settings with { SendWhenEmpty = sendWhenEmpty }, default));

        var due = await database.Get<IOutbox>().ListDueAsync(time.GetUtcNow(), 10);
        Assert.Equal(expected, due.Count);
        Assert.All(due, m => Assert.Contains("tidak ada tanda baru", m.Subject, StringComparison.Ordinal));
        Assert.Equal(time.GetUtcNow(), await database.Get<DigestBuilder>().CoveredUpToAsync(officer, default));
    }

    [Fact]
    public async Task The_digest_and_its_covered_up_to_are_stored_together_so_no_flag_is_reported_twice()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 23, 0, 0, TimeSpan.Zero));
        await using var database = await TempDatabase.CreateAsync(time);
        var (agency, _, account) = await SampleRegistry.AddAccountAsync(database);
        var officer = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "x", [agency.Id], time.GetUtcNow());
        await FlagAsync(database, account.Id, "a", time);
        time.Advance(TimeSpan.FromHours(1));
        var outbox = database.Get<IOutbox>();
        var builder = database.Get<DigestBuilder>();

        // The key already taken (e.g. stored by another process a moment ago) stores nothing and moves nothing.
        Assert.True(await outbox.EnqueueAsync("taken", "x@x.example", "s", "h", "t", time.GetUtcNow()));
        Assert.False(await outbox.EnqueueAsync("taken", "x@x.example", "s", "h", "t", time.GetUtcNow(), DigestBuilder.CoveredUpTo(officer, time.GetUtcNow())));
        Assert.Null(await builder.CoveredUpToAsync(officer, default));

        Assert.Equal(1, await database.Get<DigestRun>().BuildDueAsync(Settings, default));
        Assert.Equal(time.GetUtcNow(), await builder.CoveredUpToAsync(officer, default));
        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await database.Get<DigestRun>().BuildDueAsync(Settings, default));
        Assert.Contains(await outbox.ListDueAsync(time.GetUtcNow(), 10), m => m.Key.EndsWith(":2026-11-22", StringComparison.Ordinal)
            && m.Subject.Contains("tidak ada tanda baru", StringComparison.Ordinal)); // the open backlog, but flag "a" is not new again
    }

    private static async Task FlagAsync(TempDatabase database, long accountId, string id, TimeProvider time)
    {
        var stored = await database.Get<IPostRepository>().StoreAsync(accountId, SamplePosts.Fetched(id), time.GetUtcNow());
        var c = await database.Get<IClassificationRepository>().SaveAsync(stored.Post.Id, stored.Post.Version, SamplePosts.Classified(Label.Campaign), time.GetUtcNow());
        await database.Get<IFlagRepository>().CreateIfAbsentAsync(stored.Post.Id, c.Id, Label.Campaign, 0.8, time.GetUtcNow());
    }
}
