using System.Data.Common;
using Dapper;

namespace SocialWatch.Storage;

/// <summary>
/// Opens connections to the configured database, each set up for the repositories, and names the SQL dialect the
/// repositories write around. One instance per process; connections are pooled.
/// </summary>
public abstract class DbConnectionFactory
{
    static DbConnectionFactory()
    {
        // Columns are snake_case, row properties PascalCase.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    public abstract SqlDialect Dialect { get; }

    /// <summary>Where the database is, for messages and <c>db status</c>: a file path, or host/database without credentials.</summary>
    public abstract string Location { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);
}
