using Microsoft.Extensions.Options;

namespace SocialWatch.Storage;

/// <summary>
/// Where the database lives. The embedded default is one SQLite file under <see cref="DataDirectory"/>:
/// <code>
/// "Storage": { "Provider": "sqlite", "DataDirectory": "var", "FileName": "socialwatch.db", "BusyTimeoutMilliseconds": 5000 }
/// </code>
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The database engine. Only "sqlite" exists today; the repositories hide the dialect so another can follow.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Folder of the database file. A relative path resolves against the current directory.</summary>
    public string DataDirectory { get; set; } = "var";

    public string FileName { get; set; } = "socialwatch.db";

    /// <summary>How long a connection waits for another writer before giving up.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>The database file's full path.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));
}

/// <summary>Reports every bad storage setting at once, each named by its configuration key.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        const string Section = StorageOptions.SectionName;
        if (!string.Equals(options.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Section}:Provider '{options.Provider}' is not supported (expected: sqlite)");
        }
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
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
