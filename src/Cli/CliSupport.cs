using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Storage;

namespace SocialWatch.Cli;

/// <summary>What the registry and database commands share: schema readiness, audit entries, tables.</summary>
public static class CliSupport
{
    /// <summary>Who the audit log names for changes made from this command line.</summary>
    public static string Actor => "cli:" + Environment.UserName;

    /// <summary>
    /// Applies pending migrations, as the service does at start, so a command on a fresh data directory works.
    /// A database written by a newer build is a one-line error.
    /// </summary>
    public static async Task EnsureMigratedAsync(CliContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.Get<IDatabaseMigrator>().MigrateAsync(ct);
        }
        catch (Exception ex) when (ex is DatabaseSchemaException or DatabaseUnavailableException)
        {
            throw new CliUserException(ex.Message, ex);
        }
    }

    public static Task AuditAsync(CliContext context, string action, string subject, string? details, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Get<IAuditLog>().AppendAsync(Actor, action, subject, details, context.Get<TimeProvider>().GetUtcNow(), ct);
    }

    /// <summary>A time as people read it: in <c>Digest:TimeZone</c> (default Asia/Jakarta), with the zone ("2024-12-03 03:43 WIB").</summary>
    public static string FormatTime(CliContext context, DateTimeOffset? value)
    {
        ArgumentNullException.ThrowIfNull(context);
        return value is { } at ? context.Get<ReadingTimeZone>().Format(at) : "-";
    }

    /// <summary>A time for JSON output: ISO 8601 in the readers' time zone, with its offset.</summary>
    public static DateTimeOffset? JsonTime(CliContext context, DateTimeOffset? value)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Get<ReadingTimeZone>().ToLocal(value);
    }

    /// <summary>
    /// Writes a table to the command's output. Cell text is shown as is (never read as markup); when the
    /// output is not an interactive terminal the table is not squeezed to 80 columns, so scripts and tests see whole values.
    /// </summary>
    public static void WriteTable(CliContext context, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(context);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(context.Out),
        });
        if (!ReferenceEquals(context.Out, Console.Out) || Console.IsOutputRedirected)
        {
            console.Profile.Width = 400;
        }
        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)));
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell ?? "")).ToArray());
        }
        console.Write(table);
    }

    /// <summary>A UTF-8 CSV (a BOM is honoured); a missing or unreadable file is a one-line user error.</summary>
    public static StreamReader OpenCsv(string path)
    {
        try
        {
            return new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliUserException($"file '{path}' not found", ex);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new CliUserException($"cannot read '{path}': {ex.Message}", ex);
        }
    }
}
