using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Digest;

/// <summary>What a run does about nights missed while the service was down.</summary>
public enum DigestCatchUp
{
    /// <summary>One digest covers the whole gap.</summary>
    OneForTheGap,

    /// <summary>One digest per missed night, each covering its own day.</summary>
    PerNight,
}

/// <summary>Settings of one digest run; the Notifications adapter binds them from the "Digest" section.</summary>
public sealed record DigestSettings(TimeZoneInfo TimeZone, int TopCount, TimeSpan ReviewDeadline, bool SendWhenEmpty, TimeSpan FirstLookBack,
    DigestCatchUp CatchUp = DigestCatchUp.OneForTheGap);

/// <summary>
/// Builds each active officer's digest once per period (the local date in the digest time zone) and stores it in
/// the outbox under "digest:{userId}:{date}" together with the officer's new "covered up to", in one transaction:
/// each digest starts exactly where the previous one ended, so no item is reported twice and none is skipped.
/// </summary>
public sealed class DigestRun(DigestBuilder builder, IDigestRenderer renderer, IUserRepository users, IOutbox outbox, IAuditLog audit, TimeProvider time)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static DateOnly PeriodDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>Returns how many digests were stored in the outbox.</summary>
    public async Task<int> BuildDueAsync(DigestSettings settings, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stored = 0;
        // Supervisors review their agencies as officers do, so they get the same digest.
        foreach (var officer in await users.ListAsync(null, ct))
        {
            if (!officer.IsActive || !officer.Role.ReviewsFlags())
            {
                continue;
            }
            foreach (var (period, to) in await DuePeriodsAsync(officer, now, settings, ct))
            {
                if (await StoreAsync(officer, period, to, now, settings, ct))
                {
                    stored++;
                }
            }
        }
        return stored;
    }

    /// <summary>
    /// The periods to build now, each with the end of what it covers. Normally just today; in per-night mode
    /// also every night since the previous digest, each ending at today's time of day on its own date.
    /// </summary>
    private async Task<IReadOnlyList<(DateOnly Period, DateTimeOffset To)>> DuePeriodsAsync(User officer, DateTimeOffset now, DigestSettings settings, CancellationToken ct)
    {
        var today = PeriodDate(now, settings.TimeZone);
        var covered = await builder.CoveredUpToAsync(officer, ct);
        if (settings.CatchUp == DigestCatchUp.OneForTheGap || covered is null)
        {
            return [(today, now)];
        }
        var periods = new List<(DateOnly, DateTimeOffset)>();
        var lastCovered = PeriodDate(covered.Value, settings.TimeZone);
        for (var daysBack = today.DayNumber - lastCovered.DayNumber - 1; daysBack > 0; daysBack--)
        {
            var to = now - daysBack * Day;
            if (to > covered.Value)
            {
                periods.Add((today.AddDays(-daysBack), to));
            }
        }
        periods.Add((today, now));
        return periods;
    }

    private async Task<bool> StoreAsync(User officer, DateOnly period, DateTimeOffset to, DateTimeOffset now, DigestSettings settings, CancellationToken ct)
    {
        var digest = await BuildAsync(officer, period, to, settings, ct);
        if (digest is null)
        {
            return false;
        }
        var covered = DigestBuilder.CoveredUpTo(officer, to);
        if (digest.IsEmpty && !settings.SendWhenEmpty)
        {
            await builder.MarkCoveredAsync(covered, now, ct);
            return false;
        }
        var (subject, html, text) = renderer.Render(digest);
        if (!await outbox.EnqueueAsync(digest.OutboxKey, officer.Email, subject, html, text, now, covered, ct))
        {
            return false;
        }
        await audit.AppendAsync("system", AuditActions.DigestStored, digest.OutboxKey, $"{digest.NewCount} new, {digest.OpenBacklog} open", now, ct);
        return true;
    }

    /// <summary>The officer's digest for the period, ending at <paramref name="to"/>, or null when that period's digest is already stored.</summary>
    public async Task<OfficerDigest?> BuildAsync(User officer, DateOnly period, DateTimeOffset to, DigestSettings settings, CancellationToken ct)
    {
        if (await outbox.ExistsAsync($"digest:{officer.Id}:{period:yyyy-MM-dd}", ct))
        {
            return null;
        }
        var from = await builder.CoveredFromAsync(officer, to, settings.FirstLookBack, ct);
        return await builder.BuildAsync(officer, period, from, to, settings.TopCount, settings.ReviewDeadline, ct);
    }
}
