using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Hosting.Learning;
using Spectre.Console;

namespace SocialWatch.Cli.Ingestion;

/// <summary>
/// <c>socialwatch ingest --once</c>: poll every due account once, with progress and a summary.
/// <c>socialwatch ingest --file FILE.jsonl</c>: import one exported file and report what happened to each line.
/// </summary>
public static class IngestCommands
{
    public static Command Create(CliContext context)
    {
        var once = new Option<bool>("--once") { Description = "Poll every due account once, then exit" };
        var file = new Option<FileInfo?>("--file") { Description = "Import one JSONL file (posts.v1 schema) and exit" };
        var command = new Command("ingest", "Bring posts in: poll the due accounts once, or import a JSONL export");
        command.Options.Add(once);
        command.Options.Add(file);
        command.SetAction(async (parseResult, ct) =>
        {
            var path = parseResult.GetValue(file);
            var pollOnce = parseResult.GetValue(once);
            if (pollOnce == path is not null)
            {
                throw new CliUserException("give exactly one of --once or --file FILE.jsonl");
            }
            // Posts are classified by the active model (a promoted retrain or a rollback), as in the service.
            await CliSupport.EnsureMigratedAsync(context, ct);
            await context.Get<ActiveModelClassifier>().RefreshAsync(ct);
            return path is not null ? await ImportAsync(context, path, ct) : await PollOnceAsync(context, ct);
        });
        return command;
    }

    private static async Task<int> ImportAsync(CliContext context, FileInfo file, CancellationToken ct)
    {
        if (!file.Exists)
        {
            throw new CliUserException($"file '{file.FullName}' does not exist");
        }
        await using var scope = context.Services.CreateAsyncScope();
        var summary = await scope.ServiceProvider.GetRequiredService<FileImportService>().ImportAsync(file.FullName, ct);
        var totals = summary.Totals;
        var output = context.Out;
        await output.WriteLineAsync($"{file.Name}: {totals.Read} posts read");
        await output.WriteLineAsync($"  stored (new)   {totals.Inserted,8}");
        await output.WriteLineAsync($"  unchanged      {totals.Unchanged,8}");
        await output.WriteLineAsync($"  new versions   {totals.NewVersions,8}");
        await output.WriteLineAsync($"  flagged        {totals.Flagged,8}");
        if (totals.ClassificationFailed > 0)
        {
            await output.WriteLineAsync($"  not classified {totals.ClassificationFailed,8}  (the classifier failed; stored, see `socialwatch posts failed`)");
        }
        await output.WriteLineAsync($"  rejected lines {summary.Rejected.Count,8}");
        foreach (var rejected in summary.Rejected)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"    line {rejected.LineNumber}: {rejected.Reason}"));
        }
        return 0;
    }

    private static async Task<int> PollOnceAsync(CliContext context, CancellationToken ct)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out) });
        await using var scope = context.Services.CreateAsyncScope();
        var polling = scope.ServiceProvider.GetRequiredService<PollingService>();
        var due = await polling.ClaimAllDueAsync(ct);
        var totals = new IngestionTotals();
        IReadOnlyList<PollResult> results = [];

        await console.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var tasks = due.GroupBy(a => a.Platform).ToDictionary(
                g => g.Key, g => progress.AddTask(g.Key.ToCode(), maxValue: g.Count()));
            results = await polling.PollAsync(due, totals, (account, _) => tasks[account.Platform].Increment(1), ct);
        });

        var table = new Table().AddColumn("").AddColumn(new TableColumn("count").RightAligned());
        foreach (var (name, value) in new (string, int)[]
        {
            ("accounts due", due.Count), ("accounts polled", totals.AccountsPolled), ("accounts failed", totals.AccountsFailed),
            ("posts read", totals.Read), ("stored (new)", totals.Inserted), ("unchanged", totals.Unchanged),
            ("new versions", totals.NewVersions), ("flagged", totals.Flagged), ("quarantined", totals.Quarantined),
            ("marked deleted", totals.Deleted),
        })
        {
            table.AddRow(name, value.ToString(CultureInfo.InvariantCulture));
        }
        console.Write(table);

        var failures = results.Where(r => r.Status is PollStatus.Failed or PollStatus.NeedsAttention).ToList();
        foreach (var failure in failures)
        {
            var account = due.First(a => a.Id == failure.AccountId);
            var what = failure.Status == PollStatus.NeedsAttention ? "needs attention" : "failed, retried when due";
            await context.Error.WriteLineAsync($"{account.Platform.ToCode()} @{account.Handle} {what}: {failure.Error}");
        }
        return failures.Count == 0 ? 0 : CliApplication.Failure;
    }
}
