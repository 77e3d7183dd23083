namespace SocialWatch.Storage;

/// <summary>Brings the database schema up to what this build expects, and reports where it stands.</summary>
public interface IDatabaseMigrator
{
    /// <summary>
    /// Applies every pending migration in one transaction and records each in the schema table. Running it on an
    /// up-to-date database changes nothing.
    /// </summary>
    /// <returns>The migrations applied by this call, in order (empty when the database was up to date).</returns>
    /// <exception cref="DatabaseSchemaException">The database was written by a newer build.</exception>
    Task<IReadOnlyList<MigrationState>> MigrateAsync(CancellationToken ct = default);

    /// <exception cref="DatabaseSchemaException">The database was written by a newer build.</exception>
    Task<DatabaseStatus> GetStatusAsync(CancellationToken ct = default);
}

/// <summary>One known migration and when it was applied (null: pending).</summary>
public sealed record MigrationState(int Version, string Name, DateTimeOffset? AppliedAt);

/// <param name="Location">Where the database is (a file path for SQLite).</param>
/// <param name="CurrentVersion">The highest applied migration, 0 for an empty database.</param>
/// <param name="LatestVersion">The highest migration this build knows.</param>
public sealed record DatabaseStatus(string Location, int CurrentVersion, int LatestVersion, IReadOnlyList<MigrationState> Migrations)
{
    public bool IsUpToDate => CurrentVersion == LatestVersion;
}

/// <summary>The database cannot be used by this build (e.g. it was migrated by a newer version).</summary>
public sealed class DatabaseSchemaException : Exception
{
    public DatabaseSchemaException(string message) : base(message) { }
    public DatabaseSchemaException(string message, Exception innerException) : base(message, innerException) { }
    public DatabaseSchemaException() { }
}

/// <summary>The configured database cannot be reached or refuses the connection (wrong host, port, database or password).</summary>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException(string message) : base(message) { }
    public DatabaseUnavailableException(string message, Exception innerException) : base(message, innerException) { }
    public DatabaseUnavailableException() { }
}
