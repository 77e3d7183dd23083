using Microsoft.Extensions.Options;
using Npgsql;

namespace SocialWatch.Storage;

/// <summary>
/// Where the database lives. The embedded default is one SQLite file under <see cref="DataDirectory"/>:
/// <code>
/// "Storage": { "Provider": "sqlite", "DataDirectory": "var", "FileName": "socialwatch.db", "BusyTimeoutMilliseconds": 5000 }
/// </code>
/// A deployment of several nodes shares one PostgreSQL database:
/// <code>
/// "Storage": { "Provider": "postgres", "ConnectionString": "Host=db;Database=socialwatch;Username=socialwatch;Password=…" }
/// </code>
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    /// <summary>The database engine: "sqlite" (embedded default) or "postgres".</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Folder of the SQLite database file. A relative path resolves against the settings folder (the root appsettings.json's folder in a checkout, the binary's when published), never the current directory.</summary>
    public string DataDirectory { get; set; } = "var";

    public string FileName { get; set; } = "socialwatch.db";

    /// <summary>How long a SQLite connection waits for another writer before giving up.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>The Npgsql connection string, for the "postgres" provider.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>The database file's full path.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));

    /// <summary>The connection string with its password replaced, for messages.</summary>
    public static string MaskPassword(string? connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "***";
            }
            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // Unparseable: show only that something was given, never a password that may sit inside it.
            return string.IsNullOrEmpty(connectionString) ? "" : "(unparseable, not shown)";
        }
    }
}

/// <summary>Reports every bad storage setting at once, each named by its configuration key.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        const string Section = StorageOptions.SectionName;
        if (!options.IsPostgres && !string.Equals(options.Provider, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Section}:Provider '{options.Provider}' is not supported (expected: sqlite or postgres)");
        }
        if (options.IsPostgres)
        {
            ValidatePostgres(options, failures);
        }
        else
        {
            ValidateSqlite(options, failures);
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateSqlite(StorageOptions options, List<string> failures)
    {
        const string Section = StorageOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add($"{Section}:DataDirectory must name a folder");
        }
        if (string.IsNullOrWhiteSpace(options.FileName) || options.FileName.IndexOfAny(['/', '\\']) >= 0)
        {
            failures.Add($"{Section}:FileName must be a file name without a folder (got '{options.FileName}')");
        }
        if (options.BusyTimeoutMilliseconds is < 0 or > 600_000)
        {
            failures.Add($"{Section}:BusyTimeoutMilliseconds must be between 0 and 600000 (got {options.BusyTimeoutMilliseconds})");
        }
    }

    private static void ValidatePostgres(StorageOptions options, List<string> failures)
    {
        const string Key = $"{StorageOptions.SectionName}:ConnectionString";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Key} must be set when {StorageOptions.SectionName}:Provider is postgres");
            return;
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
            {
                failures.Add($"{Key} must name a Host and a Database (got '{StorageOptions.MaskPassword(options.ConnectionString)}')");
            }
        }
        catch (ArgumentException e)
        {
            failures.Add($"{Key} is not a valid PostgreSQL connection string: {e.Message.Split('\n')[0]} (got '{StorageOptions.MaskPassword(options.ConnectionString)}')");
        }
    }
}
