using Xunit;

namespace SocialWatch.Testing;

/// <summary>The database engines the repository suites run on (one suite, one subclass per engine).</summary>
public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}

public static class DatabaseEngines
{
    /// <summary>
    /// Skips the calling test (it must be a [SkippableFact]) when the engine cannot run here, with the reason. Under
    /// CI (CI=true) a missing PostgreSQL is a failure instead: CI installs it, so its absence is a broken set-up.
    /// </summary>
    public static void SkipUnlessAvailable(DatabaseEngine engine)
    {
        if (engine != DatabaseEngine.Postgres || PostgresServer.UnavailableReason is not { } reason)
        {
            return;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(reason);
        }
        Skip.If(true, reason);
    }
}
