using Microsoft.Extensions.Time.Testing;

namespace SocialWatch.Sources.Tests;

internal static class FakeClock
{
    /// <summary>
    /// Moves the fake clock forward a step at a time, pausing briefly in real time after each step so the connector can
    /// react (send its retry, set its next timer), until <paramref name="done"/> holds; fails after 1000 steps.
    /// </summary>
    public static async Task AdvanceUntilAsync(this FakeTimeProvider clock, Func<bool> done, TimeSpan step)
    {
        for (var steps = 0; !done(); steps++)
        {
            Assert.True(steps < 1000, $"not done after advancing the clock {steps} × {step}");
            clock.Advance(step);
            await Task.Delay(10);
        }
    }
}
