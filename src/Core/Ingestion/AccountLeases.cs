using System.Collections.Concurrent;

namespace SocialWatch.Core.Ingestion;

/// <summary>
/// In-process guard so one account is never polled twice at the same time (a slow poll overlapping the next
/// round, or the drop folder and a scheduled poll). One instance per process.
/// </summary>
public sealed class AccountLeases
{
    private readonly ConcurrentDictionary<long, byte> held = new();

    /// <summary>Returns a lease to dispose when done, or null when the account is already being polled.</summary>
    public IDisposable? TryTake(long accountId) =>
        held.TryAdd(accountId, 0) ? new Lease(this, accountId) : null;

    private sealed class Lease(AccountLeases owner, long accountId) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                owner.held.TryRemove(accountId, out _);
            }
        }
    }
}
