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
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 20, 23, 0, 0, TimeSpan.Zero));
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

        time.Advance(TimeSpan.FromHours(-2));
        await FlagAsync("a");
        time.Advance(TimeSpan.FromHours(2));
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
        Assert.Contains(due, m => m.Key.EndsWith(":2026-11-24", StringComparison.Ordinal) && m.Subject.Contains("2 temuan baru", StringComparison.Ordinal));

        // A night with nothing new still reports the open backlog.
        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await run.BuildDueAsync(Settings, default));
        Assert.Contains(await outbox.ListDueAsync(time.GetUtcNow(), 10), m => m.Subject.Contains("tidak ada temuan baru", StringComparison.Ordinal));
    }
}
