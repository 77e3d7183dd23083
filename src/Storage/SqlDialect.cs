namespace SocialWatch.Storage;

/// <summary>
/// The few places where the repositories' SQL differs between SQLite and PostgreSQL. Everything else (upserts with
/// ON CONFLICT, RETURNING, times as BIGINT Unix milliseconds, case-insensitive columns by collation) is written once.
/// </summary>
public abstract class SqlDialect
{
    public static SqlDialect Sqlite { get; } = new SqliteDialect();

    public static SqlDialect Postgres { get; } = new PostgresDialect();

    /// <summary>"sqlite" or "postgres", as in <c>Storage:Provider</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// <paramref name="column"/> is one of the values of the list parameter. Dapper expands a list into
    /// <c>IN (@p1, @p2…)</c> for SQLite; for Npgsql it passes the list as one array parameter.
    /// </summary>
    public abstract string InList(string column, string parameter);

    /// <summary>A column reference the planner must not pick an index for (SQLite's unary +; PostgreSQL needs no hint).</summary>
    public abstract string NoIndex(string column);

    /// <summary>
    /// Ends a SELECT whose rows the statement will update, so concurrent claimers take different rows: PostgreSQL's
    /// FOR UPDATE SKIP LOCKED; nothing on SQLite, where one write transaction runs at a time anyway.
    /// </summary>
    public abstract string ForUpdateSkipLocked { get; }

    /// <summary>
    /// Ends a SELECT ordered by key whose rows of <paramref name="alias"/> the statement will update, so concurrent
    /// updaters lock them in that order and wait rather than deadlock: PostgreSQL's FOR UPDATE OF; nothing on SQLite
    /// (one write transaction at a time).
    /// </summary>
    public abstract string ForUpdateOf(string alias);

    private sealed class SqliteDialect : SqlDialect
    {
        public override string Name => "sqlite";

        public override string InList(string column, string parameter) => $"{column} IN @{parameter}";

        public override string NoIndex(string column) => "+" + column;

        public override string ForUpdateSkipLocked => "";

        public override string ForUpdateOf(string alias) => "";
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override string Name => "postgres";

        public override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

        public override string NoIndex(string column) => column;

        public override string ForUpdateSkipLocked => "FOR UPDATE SKIP LOCKED";

        public override string ForUpdateOf(string alias) => "FOR UPDATE OF " + alias;
    }
}
