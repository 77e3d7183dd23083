using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Registry;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Review;

/// <summary>What an account CSV would do (preview) or did (import), row by row.</summary>
public sealed record AccountImportResult(bool Committed, int RowsRead, IReadOnlyList<NewAccount> Accepted, IReadOnlyList<ImportRowError> Errors, int Imported);

/// <summary>
/// The console's CSV account import, with the CLI's rules (<see cref="AccountCsvImport"/>). The preview writes
/// nothing; the import plans again from the same text (the registry may have changed since the preview), stores
/// the accepted rows in one transaction and audits the outcome.
/// </summary>
public sealed class AccountImportService(AccountCsvImport import, IAuditLog audit, TimeProvider clock)
{
    /// <summary>Largest CSV the console takes; bigger registries go through the CLI.</summary>
    public const int MaxCsvCharacters = 2_000_000;

    /// <exception cref="DomainValidationException">The file is empty, too large or has the wrong header.</exception>
    public async Task<AccountImportResult> RunAsync(ConsoleUser admin, string csv, bool commit, CancellationToken ct)
    {
        if (csv.Length > MaxCsvCharacters)
        {
            throw new DomainValidationException($"the file is larger than {MaxCsvCharacters:N0} characters; import it with `socialwatch accounts import`");
        }
        using var reader = new StringReader(csv);
        var plan = await import.PlanAsync(reader, ct);
        if (!commit)
        {
            return new AccountImportResult(false, plan.RowsRead, plan.Accepted, plan.Errors, 0);
        }
        var report = await import.ApplyAsync(plan, ct);
        await audit.AppendAsync(admin.UserName, AuditActions.AccountsImported, "accounts",
            $"{report.Imported} imported of {report.RowsRead} rows; {report.Errors.Count} rejected", clock.GetUtcNow(), ct);
        return new AccountImportResult(true, report.RowsRead, plan.Accepted, report.Errors, report.Imported);
    }
}
