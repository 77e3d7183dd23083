using System.CommandLine;
using System.Text;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Registry;

namespace SocialWatch.Cli;

/// <summary><c>socialwatch accounts add|list|disable|enable|import</c>: the watched platform accounts.</summary>
public static class AccountCommands
{
    public static Command Create(CliContext context)
    {
        var accounts = new Command("accounts", "Watched platform accounts, each linked to a staff member by NIP.");
        accounts.Subcommands.Add(Add(context));
        accounts.Subcommands.Add(List(context));
        accounts.Subcommands.Add(SetStatus(context, "disable", AccountStatus.Disabled, "Stop polling an account (its posts and flags stay)."));
        accounts.Subcommands.Add(SetStatus(context, "enable", AccountStatus.Active, "Poll an account again (after disable, or once an account that needed attention is fixed)."));
        accounts.Subcommands.Add(Import(context));
        return accounts;
    }

    private static Option<string> PlatformOption() =>
        new("--platform") { Description = $"One of: {string.Join(", ", PlatformNames.Codes)}.", Required = true };

    private static Option<string> HandleOption() =>
        new("--handle") { Description = "The account's handle (a leading @ is ignored), or the feed URL for rss/youtube.", Required = true };

    private static Command Add(CliContext context)
    {
        var platform = PlatformOption();
        var handle = HandleOption();
        var nip = new Option<string>("--nip") { Description = "NIP of the registered staff member who owns the account.", Required = true };
        var platformAccountId = new Option<string?>("--platform-account-id") { Description = "The platform's stable id (Mastodon id, Bluesky DID), if known." };
        var add = new Command("add", "Register an account to watch.") { platform, handle, nip, platformAccountId };
        add.SetAction(async (parse, ct) =>
        {
            var account = new NewAccount(PlatformNames.Parse(parse.GetValue(platform)), parse.GetValue(handle)!, Nip.Parse(parse.GetValue(nip)), parse.GetValue(platformAccountId));
            await CliSupport.EnsureMigratedAsync(context, ct);
            var added = await context.Get<IAccountRepository>().AddAsync(account, ct);
            await CliSupport.AuditAsync(context, AuditActions.AccountAdded, Subject(added), $"staff {account.StaffNip}", ct);
            await context.Out.WriteLineAsync($"added {added.Platform.ToCode()} account {added.Handle} (id {added.Id}) for NIP {account.StaffNip}");
            return 0;
        });
        return add;
    }

    private static Command List(CliContext context)
    {
        var platform = new Option<string?>("--platform") { Description = $"Only this platform: {string.Join(", ", PlatformNames.Codes)}." };
        var status = new Option<string?>("--status") { Description = "Only this status: active, disabled or needs-attention." };
        var list = new Command("list", "List accounts with their polling health.") { platform, status };
        list.SetAction(async (parse, ct) =>
        {
            var platformFilter = parse.GetValue(platform) is { } p ? PlatformNames.Parse(p) : (Platform?)null;
            var statusFilter = parse.GetValue(status) is { } s ? ParseStatus(s) : (AccountStatus?)null;
            await CliSupport.EnsureMigratedAsync(context, ct);
            var staff = (await context.Get<IStaffRepository>().ListAsync(null, ct)).ToDictionary(m => m.Id);
            var found = await context.Get<IAccountRepository>().ListAsync(platformFilter, statusFilter, ct);
            var connectors = context.Get<Connectors>();
            CliSupport.WriteTable(context, ["id", "platform", "handle", "nip", "staff", "status", "last polled", "failures", "last error"],
                found.Select(a => new[]
                {
                    a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Platform.ToCode(), a.Handle, staff[a.StaffId].Nip.Value,
                    staff[a.StaffId].Name, StatusText(connectors.Activity(a)), CliSupport.FormatTime(context, a.LastPolledAt),
                    a.ConsecutiveFailures.ToString(System.Globalization.CultureInfo.InvariantCulture), a.LastError?.ToString() ?? "",
                }));
            await context.Out.WriteLineAsync($"{found.Count} accounts");
            return 0;
        });
        return list;
    }

    private static Command SetStatus(CliContext context, string name, AccountStatus status, string description)
    {
        var platform = PlatformOption();
        var handle = HandleOption();
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit log." };
        var command = new Command(name, description) { platform, handle, reason };
        command.SetAction(async (parse, ct) =>
        {
            var parsedPlatform = PlatformNames.Parse(parse.GetValue(platform));
            var handleText = parse.GetValue(handle)!;
            await CliSupport.EnsureMigratedAsync(context, ct);
            var repository = context.Get<IAccountRepository>();
            var account = await repository.FindAsync(parsedPlatform, handleText, ct)
                ?? throw new DomainValidationException($"no {parsedPlatform.ToCode()} account '{AccountHandles.Normalize(handleText)}' is registered");
            await repository.SetStatusAsync(account.Id, status, parse.GetValue(reason), ct);
            var why = parse.GetValue(reason);
            await CliSupport.AuditAsync(context, AuditActions.AccountStatusChanged, Subject(account), why is null ? StatusCode(status) : $"{StatusCode(status)}: {why}", ct);
            await context.Out.WriteLineAsync($"{account.Platform.ToCode()} account {account.Handle} is now {StatusCode(status)}");
            return 0;
        });
        return command;
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "CSV with a header row: platform,handle,nip[,platform_account_id]." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and show the report; write nothing." };
        var import = new Command("import",
            "Import accounts from CSV. Every bad row is reported with its line number and reason; all valid rows are " +
            "imported together in one transaction. Exit code 1 when any row was rejected.") { file, dryRun };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            await CliSupport.EnsureMigratedAsync(context, ct);
            var importer = new AccountCsvImport(context.Get<IStaffRepository>(), context.Get<IAccountRepository>());
            AccountImportPlan plan;
            using (var reader = CliSupport.OpenCsv(path))
            {
                plan = await importer.PlanAsync(reader, ct);
            }
            foreach (var error in plan.Errors)
            {
                await context.Error.WriteLineAsync($"line {error.Line}: {error.Reason}");
            }
            if (parse.GetValue(dryRun))
            {
                await context.Out.WriteLineAsync($"dry run: {plan.RowsRead} rows read, {plan.Accepted.Count} would be imported, {plan.Errors.Count} rejected; nothing was written");
            }
            else
            {
                var report = await importer.ApplyAsync(plan, ct);
                await CliSupport.AuditAsync(context, AuditActions.AccountsImported, $"file:{Path.GetFileName(path)}",
                    $"{report.Imported} imported, {report.Errors.Count} rejected of {report.RowsRead} rows", ct);
                await context.Out.WriteLineAsync($"{report.RowsRead} rows read, {report.Imported} imported, {report.Errors.Count} rejected");
            }
            return plan.Errors.Count == 0 ? 0 : CliApplication.UserError;
        });
        return import;
    }


    private static string Subject(WatchedAccount account) => $"account:{account.Platform.ToCode()}:{account.Handle}";

    private static string StatusCode(AccountStatus status) => AccountStatusNames.ToCode(status);

    private static string StatusText(AccountActivity activity) => activity switch
    {
        AccountActivity.Polled => "active",
        AccountActivity.FileFed => "active (fed by export files)",
        AccountActivity.PausedConnectorDisabled => "paused: connector disabled",
        AccountActivity.Disabled => "disabled",
        AccountActivity.NeedsAttention => "needs-attention",
        _ => throw new ArgumentOutOfRangeException(nameof(activity), activity, null),
    };

    private static AccountStatus ParseStatus(string text) => text.Trim().ToLowerInvariant() switch
    {
        "active" => AccountStatus.Active,
        "disabled" => AccountStatus.Disabled,
        "needs-attention" or "needs_attention" => AccountStatus.NeedsAttention,
        _ => throw new DomainValidationException($"unknown status '{text}' (expected active, disabled or needs-attention)"),
    };
}
