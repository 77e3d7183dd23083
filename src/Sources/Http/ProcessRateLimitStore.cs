using System.Collections.Concurrent;
using SocialWatch.Core.Ports;

namespace SocialWatch.Sources.Http;

/// <summary>Rate-limit pauses in memory, for a host composed without storage: they hold within this process only.</summary>
internal sealed class ProcessRateLimitStore : IRateLimitStore
{
    private readonly ConcurrentDictionary<(string Platform, string Host), DateTimeOffset> pauses = new();

    public Task<DateTimeOffset?> PausedUntilAsync(string platform, string host, CancellationToken ct = default) =>
        Task.FromResult(pauses.TryGetValue((platform, host), out var until) ? until : (DateTimeOffset?)null);

    public Task PauseAsync(string platform, string host, DateTimeOffset until, CancellationToken ct = default)
    {
        pauses.AddOrUpdate((platform, host), until, (_, known) => known > until ? known : until);
        return Task.CompletedTask;
    }
}
