namespace SocialWatch.Testing;

/// <summary>
/// A clock tests move by hand (Microsoft.Extensions.TimeProvider.Testing is not served by our package source).
/// Timers are not simulated: code under test that waits should take its delays from options that tests set to zero.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start, TimeZoneInfo? localTimeZone = null) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start;

    public override TimeZoneInfo LocalTimeZone { get; } = localTimeZone ?? TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        lock (gate)
        {
            now = value;
        }
    }
}
