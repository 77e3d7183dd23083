using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Digest;

/// <summary>Settings of one digest run; the Notifications adapter binds them from the "Digest" section.</summary>
public sealed record DigestSettings(TimeZoneInfo TimeZone, int TopCount, TimeSpan ReviewDeadline, bool SendWhenEmpty, TimeSpan FirstLookBack);

/// <summary>
/// Builds each active officer's digest once per period (the local date in the digest time zone), stores it in the
/// outbox under "digest:{userId}:{date}", then moves the officer's "covered up to". Nights missed while the service
/// was down are covered by the next run's single digest, because each digest starts where the previous one ended.
/// </summary>
public sealed class DigestRun(DigestBuilder builder, IDigestRenderer renderer, IUserRepository users, IOutbox outbox, IAuditLog audit, TimeProvider time)
{
    public static DateOnly PeriodDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>Returns how many digests were stored in the outbox.</summary>
    public async Task<int> BuildDueAsync(DigestSettings settings, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var period = PeriodDate(now, settings.TimeZone);
        var stored = 0;
        foreach (var officer in await users.ListAsync(Role.Officer, ct))
        {
            if (!officer.IsActive)
            {
                continue;
            }
            var digest = await BuildAsync(officer, period, now, settings, ct);
            if (digest is null)
            {
                continue;
            }
            if (!digest.IsEmpty || settings.SendWhenEmpty)
            {
                var (subject, html, text) = renderer.Render(digest);
                if (await outbox.EnqueueAsync(digest.OutboxKey, officer.Email, subject, html, text, now, ct))
                {
                    stored++;
                    await audit.AppendAsync("system", "digest.stored", digest.OutboxKey, $"{digest.NewCount} new, {digest.OpenBacklog} open", now, ct);
                }
            }
            await builder.MarkCoveredAsync(officer, now, now, ct);
        }
        return stored;
    }

    /// <summary>The officer's digest as of <paramref name="now"/>, or null when this period's digest is already stored.</summary>
    public async Task<OfficerDigest?> BuildAsync(User officer, DateOnly period, DateTimeOffset now, DigestSettings settings, CancellationToken ct)
    {
        if (await outbox.ExistsAsync($"digest:{officer.Id}:{period:yyyy-MM-dd}", ct))
        {
            return null;
        }
        var from = await builder.CoveredFromAsync(officer, now, settings.FirstLookBack, ct);
        return await builder.BuildAsync(officer, period, from, now, settings.TopCount, settings.ReviewDeadline, ct);
    }
}
