using System.Globalization;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Worker.Ingestion;

/// <summary>
/// On the first start with <c>Samples:Enabled</c>, registers the sample agencies, staff and accounts from the
/// registry CSV and copies the sample posts into the drop folder, where the drop-folder job ingests them like
/// any export. Relative paths are resolved against the working directory (the repository root for
/// <c>dotnet run --project src/Worker</c>). Runs before the scheduler starts. Every step is idempotent, so a crash mid-seed is harmless.
/// </summary>
public sealed class SampleSeeder(
    IServiceScopeFactory scopes,
    IOptions<SamplesOptions> samples,
    IOptions<DropFolderOptions> dropFolder,
    TimeProvider time,
    ILogger<SampleSeeder> logger) : IHostedService
{
    public const string SeededKey = "samples.seeded";

    /// <summary>The registry CSV's header; one row per watched account.</summary>
    public const string RegistryHeader = "agency_code,agency_name,nip,staff_name,position,platform,handle";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!samples.Value.Enabled)
        {
            return;
        }
        // The samples live in the repository; a host started elsewhere (an installed service, a test) has none.
        if (!File.Exists(samples.Value.RegistryFile) || !Directory.Exists(samples.Value.InboxDirectory))
        {
            Log.SamplesMissing(logger, Path.GetFullPath(samples.Value.RegistryFile), Path.GetFullPath(samples.Value.InboxDirectory));
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var state = scope.ServiceProvider.GetRequiredService<IJobStateStore>();
        if (await state.GetAsync(SeededKey, cancellationToken) is not null)
        {
            return;
        }

        var rows = ReadRegistry(samples.Value.RegistryFile);
        var added = await RegisterAsync(scope.ServiceProvider, rows, cancellationToken);
        var copied = CopyInbox();
        await state.SetAsync(SeededKey, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), time.GetUtcNow(), cancellationToken);
        // Registry changes are audited whoever makes them; the samples are the service's own doing.
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().AppendAsync(AuditActions.SamplesActor, AuditActions.SamplesSeeded, "file:" + Path.GetFileName(samples.Value.RegistryFile),
            $"{added} of {rows.Count} accounts registered, {copied} export files copied to the drop folder", time.GetUtcNow(), cancellationToken);
        Log.SamplesSeeded(logger, added, rows.Count, copied, Path.GetFullPath(dropFolder.Value.Path));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed record RegistryRow(int Line, string AgencyCode, string AgencyName, Nip Nip, string StaffName, string? Position, Platform Platform, string Handle);

    /// <exception cref="DomainValidationException">A row is malformed; the message names the file and line.</exception>
    private static List<RegistryRow> ReadRegistry(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != RegistryHeader)
        {
            throw new DomainValidationException($"{path}: the first line must be the header '{RegistryHeader}'");
        }
        var rows = new List<RegistryRow>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }
            // The sample file is ours and quote-free; a quote would mean a field we would split wrongly.
            var fields = lines[i].Split(',');
            if (fields.Length != 7 || lines[i].Contains('"', StringComparison.Ordinal))
            {
                throw new DomainValidationException($"{path} line {i + 1}: expected 7 comma-separated fields without quotes");
            }
            try
            {
                rows.Add(new RegistryRow(i + 1, fields[0].Trim(), fields[1].Trim(), Nip.Parse(fields[2]), fields[3].Trim(),
                    string.IsNullOrWhiteSpace(fields[4]) ? null : fields[4].Trim(), PlatformNames.Parse(fields[5]), fields[6].Trim().TrimStart('@')));
            }
            catch (DomainValidationException ex)
            {
                throw new DomainValidationException($"{path} line {i + 1}: {ex.Message}", ex);
            }
        }
        return rows;
    }

    private static async Task<int> RegisterAsync(IServiceProvider services, List<RegistryRow> rows, CancellationToken ct)
    {
        var agencies = services.GetRequiredService<IAgencyRepository>();
        var staff = services.GetRequiredService<IStaffRepository>();
        var accounts = services.GetRequiredService<IAccountRepository>();
        var added = 0;
        foreach (var row in rows)
        {
            if (await agencies.FindByCodeAsync(row.AgencyCode, ct) is null)
            {
                await agencies.AddAsync(row.AgencyCode, row.AgencyName, ct: ct);
            }
            if (await staff.FindByNipAsync(row.Nip, ct) is null)
            {
                await staff.AddAsync(new NewStaffMember(row.Nip, row.StaffName, row.Position, row.AgencyCode), ct);
            }
            if (await accounts.FindAsync(row.Platform, row.Handle, ct) is null)
            {
                await accounts.AddAsync(new NewAccount(row.Platform, row.Handle, row.Nip), ct);
                added++;
            }
        }
        return added;
    }

    private int CopyInbox()
    {
        var target = Path.GetFullPath(dropFolder.Value.Path);
        Directory.CreateDirectory(target);
        var copied = 0;
        foreach (var file in Directory.EnumerateFiles(samples.Value.InboxDirectory, "*.jsonl").Order(StringComparer.Ordinal))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
            copied++;
        }
        return copied;
    }
}
