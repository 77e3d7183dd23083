using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Ingestion;

/// <summary>
/// Records on each new flag the contests and phase on its post's day (<see cref="ElectionCalendar"/>): the
/// national contests and those of its agency's region, or — region unknown — the regional contests the flagged
/// explanation names. The calendar lives in the contest files, so this runs after the flags are stored; a flag
/// left unrecorded by a crash in between (or created before migration 0011) is picked up by the next run.
/// </summary>
public sealed class FlagElectionRecorder(IFlagRepository flags, ElectionCalendar calendar)
{
    private const int BatchSize = 200;

    /// <summary>Records every flag that has no election yet; returns how many it recorded.</summary>
    public async Task<int> RecordPendingAsync(CancellationToken ct)
    {
        var recorded = 0;
        while (true)
        {
            var pending = await flags.ListWithoutElectionAsync(BatchSize, ct);
            // One statement for the lot: a statement per flag is a commit per flag, which on PostgreSQL is a WAL flush each.
            await flags.RecordElectionsAsync(
                [.. pending.Select(f => (f.FlagId, calendar.ElectionOf(f.PostCreatedAt, f.RegionCode, ElectionCalendar.ContestsNamedIn(f.Signals))))], ct);
            recorded += pending.Count;
            if (pending.Count < BatchSize)
            {
                return recorded;
            }
        }
    }

}
