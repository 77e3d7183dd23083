namespace SocialWatch.Core.Ports;

/// <summary>
/// Pauses a platform's host asked for (a 429, or a quota used up until its reset), shared by every node: on
/// PostgreSQL the pause is in the database, so one node's 429 stops the others calling that host until the reset.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>Until when calls to the host must wait, or null when no pause was recorded (a past time means none).</summary>
    Task<DateTimeOffset?> PausedUntilAsync(string platform, string host, CancellationToken ct = default);

    /// <summary>Records a pause; a later pause already recorded is kept.</summary>
    Task PauseAsync(string platform, string host, DateTimeOffset until, CancellationToken ct = default);
}
