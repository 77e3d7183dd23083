using System.Globalization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Digest;

/// <summary>Builds an officer's digest from the flag repository; reads only, stores nothing.</summary>
public sealed class DigestBuilder(IFlagRepository flags, IJobStateStore state)
{
    private static readonly IReadOnlyList<FlagStatus> Unresolved = [FlagStatus.Open, FlagStatus.InReview, FlagStatus.Escalated];

    public static string CoveredUpToKey(long userId) => $"digest:covered-up-to:{userId}";

    /// <summary>
    /// The previous digest's end, or one look-back window before <paramref name="to"/> for an officer who never had one.
    /// A long outage therefore yields one digest covering the whole gap.
    /// </summary>
    public async Task<DateTimeOffset> CoveredFromAsync(User officer, DateTimeOffset to, TimeSpan firstLookBack, CancellationToken ct) =>
        await CoveredUpToAsync(officer, ct) ?? to - firstLookBack;

    /// <summary>Where the officer's previous digest ended, or null before their first.</summary>
    public async Task<DateTimeOffset?> CoveredUpToAsync(User officer, CancellationToken ct)
    {
        var stored = await state.GetAsync(CoveredUpToKey(officer.Id), ct);
        return stored is null ? null : DateTimeOffset.Parse(stored, CultureInfo.InvariantCulture);
    }

    public async Task<OfficerDigest> BuildAsync(User officer, DateOnly periodDate, DateTimeOffset from, DateTimeOffset to,
        int topCount, TimeSpan reviewDeadline, CancellationToken ct)
    {
        var agencies = officer.AgencyIds;
        var created = await flags.ListCreatedBetweenAsync(agencies, from, to, ct);
        var byLabelAndAgency = created
            .GroupBy(f => (f.Flag.Label, f.AgencyName))
            .Select(g => (g.Key.Label, g.Key.AgencyName, g.Count()))
            .OrderBy(g => g.Label).ThenBy(g => g.AgencyName, StringComparer.Ordinal)
            .ToList();
        var top = created.OrderByDescending(f => f.Flag.Score).ThenBy(f => f.Flag.Id).Take(topCount).ToList();
        var backlog = await flags.QueryAsync(new FlagQuery { Statuses = Unresolved, AgencyIds = agencies, To = to, PageSize = 1 }, ct);
        var overdue = await flags.QueryAsync(new FlagQuery
        {
            Statuses = Unresolved, AgencyIds = agencies, To = to - reviewDeadline, Sort = FlagSort.OldestFirst, PageSize = topCount,
        }, ct);
        return new OfficerDigest(officer, periodDate, from, to, byLabelAndAgency, created.Count, top, backlog.TotalCount, overdue.Items);
    }

    /// <summary>The job-state value that records a digest covering up to <paramref name="to"/>; the outbox stores it with the message.</summary>
    public static JobStateValue CoveredUpTo(User officer, DateTimeOffset to) =>
        new(CoveredUpToKey(officer.Id), to.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>Moves "covered up to" when nothing is stored for the period (an empty night that sends nothing).</summary>
    public Task MarkCoveredAsync(JobStateValue covered, DateTimeOffset at, CancellationToken ct) =>
        state.SetAsync(covered.Key, covered.Value, at, ct);
}
