using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Review;

/// <summary>
/// The console's import of the KPU's candidate lists: the CLI's <c>contests import</c> through the same
/// <see cref="IContestDirectory"/>, with a size limit for uploads and an audit entry for a written file. The check
/// writes nothing; the write reads the CSV again (the directory may have changed since the check).
/// </summary>
public sealed class ContestImportService(IContestDirectory contests, IAuditLog audit, TimeProvider clock)
{
    /// <summary>Largest CSV the console takes (every regency and city of a Pilkada is some 200 KB); bigger files go through the CLI.</summary>
    public const int MaxCsvCharacters = 1_000_000;

    /// <param name="csvName">The uploaded file's name: it names the contest file written into the contest directory.</param>
    /// <exception cref="DomainValidationException">The file is too large, empty or badly headed, or the contest file would not load; nothing is written.</exception>
    public async Task<ContestImportResult> RunAsync(ConsoleUser admin, string csvName, string csv, CandidateImportSchedule schedule, bool write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(csv);
        if (csv.Length > MaxCsvCharacters)
        {
            throw new DomainValidationException($"the file is larger than {MaxCsvCharacters:N0} characters; import it with `socialwatch contests import`");
        }
        using var reader = new StringReader(csv);
        var result = contests.Import(reader, schedule, contests.TargetFor(csvName), write);
        if (result.Written)
        {
            await audit.AppendAsync(admin.UserName, AuditActions.ContestsImported, "file:" + Path.GetFileName(result.Target), result.AuditDetails(csvName), clock.GetUtcNow(), ct);
        }
        return result;
    }
}
