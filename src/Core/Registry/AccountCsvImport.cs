using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Registry;

/// <summary>What an account CSV would import: the accepted rows and every rejected row with its reason.</summary>
public sealed record AccountImportPlan(int RowsRead, IReadOnlyList<NewAccount> Accepted, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// The rules for importing watched accounts from CSV, shared by the CLI and the web console.
/// <para>
/// The file has a header row naming the columns <c>platform,handle,nip</c> and optionally <c>platform_account_id</c>,
/// in any order. Each data row is checked: field count, known platform, non-empty handle, well-formed NIP,
/// a registered staff member with that NIP, not a duplicate of an earlier row (platform + handle), and not
/// already registered. Blank lines are skipped.
/// </para>
/// <para>
/// Behaviour: <see cref="PlanAsync"/> only reads and reports (a dry run); <see cref="ApplyAsync"/> then stores
/// every accepted row in one transaction and leaves the rejected rows out. Nothing is written for a rejected row,
/// and if storing fails (say, someone registered one of the accounts meanwhile) nothing is written at all.
/// </para>
/// </summary>
public sealed class AccountCsvImport(IStaffRepository staff, IAccountRepository accounts)
{
    public static IReadOnlyList<string> RequiredColumns { get; } = ["platform", "handle", "nip"];

    public const string OptionalColumn = "platform_account_id";

    /// <summary>Reads and checks every row without writing anything.</summary>
    /// <exception cref="DomainValidationException">The file is empty or its header is not the expected one.</exception>
    public async Task<AccountImportPlan> PlanAsync(TextReader csv, CancellationToken ct = default)
    {
        using var records = CsvRecords.Read(csv).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new DomainValidationException($"the file is empty; expected a header row: {ExpectedHeader}");
        }
        var columns = ReadHeader(records.Current);

        var accepted = new List<NewAccount>();
        var errors = new List<ImportRowError>();
        var firstLineOf = new Dictionary<(Platform, string), int>();
        var staffByNip = new Dictionary<string, bool>();
        var rowsRead = 0;
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Error is null && record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            rowsRead++;
            var reason = await CheckAsync(record, columns, firstLineOf, staffByNip, accepted, ct);
            if (reason is not null)
            {
                errors.Add(new ImportRowError(record.Line, reason));
            }
        }
        return new AccountImportPlan(rowsRead, accepted, errors);
    }

    /// <summary>Stores the plan's accepted rows in one transaction.</summary>
    /// <exception cref="DomainValidationException">A row became invalid since planning; nothing was written.</exception>
    public async Task<ImportReport> ApplyAsync(AccountImportPlan plan, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var imported = plan.Accepted.Count == 0 ? 0 : await accounts.AddRangeAsync(plan.Accepted, ct);
        return new ImportReport(plan.RowsRead, imported, plan.Errors);
    }

    private static string ExpectedHeader => string.Join(",", RequiredColumns) + "[," + OptionalColumn + "]";

    private sealed record Columns(int Count, int Platform, int Handle, int Nip, int? PlatformAccountId);

    private static Columns ReadHeader(CsvRecord header)
    {
        if (header.Error is not null)
        {
            throw new DomainValidationException($"line {header.Line}: the header row is malformed: {header.Error}");
        }
        var names = header.Fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        foreach (var name in names)
        {
            if (!RequiredColumns.Contains(name) && name != OptionalColumn)
            {
                throw new DomainValidationException($"line {header.Line}: unknown column '{name}' in the header; expected {ExpectedHeader}");
            }
        }
        foreach (var name in RequiredColumns.Concat([OptionalColumn]))
        {
            if (names.Count(n => n == name) > 1)
            {
                throw new DomainValidationException($"line {header.Line}: column '{name}' appears twice in the header");
            }
        }
        var missing = RequiredColumns.Where(c => !names.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new DomainValidationException($"line {header.Line}: the header lacks column {string.Join(", ", missing.Select(m => $"'{m}'"))}; expected {ExpectedHeader}");
        }
        var optional = names.IndexOf(OptionalColumn);
        return new Columns(names.Count, names.IndexOf("platform"), names.IndexOf("handle"), names.IndexOf("nip"), optional < 0 ? null : optional);
    }

    /// <summary>Returns why the row is rejected, or null after adding it to <paramref name="accepted"/>.</summary>
    private async Task<LocalizableMessage?> CheckAsync(CsvRecord record, Columns columns, Dictionary<(Platform, string), int> firstLineOf,
        Dictionary<string, bool> staffByNip, List<NewAccount> accepted, CancellationToken ct)
    {
        if (record.Error is not null)
        {
            return $"malformed CSV: {record.Error}";
        }
        if (record.Fields.Count != columns.Count)
        {
            return $"expected {columns.Count} fields, found {record.Fields.Count}";
        }
        var platformText = record.Fields[columns.Platform].Trim();
        if (!PlatformNames.TryParse(platformText, out var platform))
        {
            return $"unknown platform '{platformText}' (expected one of: {string.Join(", ", PlatformNames.Codes)})";
        }
        var handle = AccountHandles.Normalize(record.Fields[columns.Handle]);
        if (handle.Length == 0)
        {
            return "the handle is empty";
        }
        if (!Nip.TryParse(record.Fields[columns.Nip], out var nip, out var nipError))
        {
            return nipError;
        }
        if (!staffByNip.TryGetValue(nip.Value, out var registered))
        {
            registered = await staff.FindByNipAsync(nip, ct) is not null;
            staffByNip[nip.Value] = registered;
        }
        if (!registered)
        {
            return $"no staff member with NIP {nip} is registered";
        }
        var key = (platform, handle.ToUpperInvariant());
        if (firstLineOf.TryGetValue(key, out var firstLine))
        {
            return $"duplicate of line {firstLine} ({platform.ToCode()} account '{handle}')";
        }
        firstLineOf[key] = record.Line;
        if (await accounts.FindAsync(platform, handle, ct) is not null)
        {
            return $"{platform.ToCode()} account '{handle}' is already registered";
        }
        var platformAccountId = columns.PlatformAccountId is { } index && !string.IsNullOrWhiteSpace(record.Fields[index])
            ? record.Fields[index].Trim()
            : null;
        accepted.Add(new NewAccount(platform, handle, nip, platformAccountId));
        return null;
    }
}
