using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SocialWatch.Core.Domain;
using Microsoft.Extensions.Options;
using SocialWatch.Classifier;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Core.Learning;
using SocialWatch.Core.Ports;
using SocialWatch.Hosting.Learning;

namespace SocialWatch.Cli;

/// <summary>
/// `socialwatch model export-decisions|retrain|activate|history`: the officers' decisions as labelled JSONL that
/// `model train --data` reads, the gated retrain, rollback to any recorded model, and the models table.
/// </summary>
public static class LearningCommands
{
    /// <summary>Indonesian text and emoji stay readable in the file; it is data, never embedded in HTML.</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command ExportDecisions(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "JSONL file to write: one row {id, text, label, decided_at, agency} per decided flag.", Required = true };
        var command = new Command("export-decisions", "Write every confirmed or dismissed flag as a labelled post (the label the officer chose; purged posts are skipped).") { output };
        command.SetAction(async (parse, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            var examples = await context.Get<DecisionExampleSource>().LoadAsync(ct);
            var path = Path.GetFullPath(parse.GetValue(output)!);
            await WriteAsync(examples.Examples, path, ct);
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"wrote {examples.Examples.Count} decisions to {path} ({examples.Confirmed} confirmed, {examples.Dismissed} dismissed); skipped {examples.Purged} whose text was purged, {examples.Unlabelled} dismissed without civic or other"));
        });
        return command;
    }

    public static Command Retrain(CliContext context)
    {
        var command = new Command("retrain", "Train a candidate on Learning:TrainingData plus the decisions, measure it against the active model, and promote it only if the gate passes (docs/learning.md).");
        command.SetAction(async (parse, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            await context.Get<ActiveModelClassifier>().RefreshAsync(ct);
            var outcome = await ModelCommands.Guard(() => context.Get<Retrainer>()).RetrainAsync(CliSupport.Actor, ct);
            await context.Out.WriteLineAsync(outcome.Message);
            if (outcome.Candidate is { } candidate && GateMetrics.Parse(candidate.Metrics) is { } metrics)
            {
                foreach (var set in metrics.Sets)
                {
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  {set.Name,-10} {set.Rows,5} rows  flag F1 {set.Candidate.FlagF1:0.000} (active {set.Active.FlagF1:0.000})  precision {set.Candidate.FlagPrecision:0.000} ({set.Active.FlagPrecision:0.000})  recall {set.Candidate.FlagRecall:0.000} ({set.Active.FlagRecall:0.000})"));
                }
            }
        });
        return command;
    }

    public static Command Activate(CliContext context)
    {
        var version = new Argument<string>("VERSION") { Description = "A version from `model history`, e.g. mlnet-7d5413b998a5." };
        var command = new Command("activate", "Make a recorded model the active one (rollback); running services switch within Learning:ReloadSeconds.") { version };
        command.SetAction(async (parse, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            var registry = context.Get<IModelRegistry>();
            var wanted = parse.GetValue(version)!.Trim();
            var record = (await registry.ListAsync(ct)).FirstOrDefault(m => m.Version == wanted)
                ?? throw new DomainValidationException($"no recorded model {wanted} (see `socialwatch model history`)");
            // Refuse a file this host cannot load before any service is told to switch to it.
            var options = context.Get<IOptions<ClassifierOptions>>().Value;
            using (ModelCommands.Guard(() => PostClassifier.Load(options.WithModel(record.FilePath), context.Get<ContestFiles>())))
            {
            }
            var previous = (await registry.GetActiveAsync(ct))?.Version ?? context.Get<ActiveModelClassifier>().ModelVersion;
            await registry.ActivateAsync(wanted, context.Get<TimeProvider>().GetUtcNow(), ct);
            await CliSupport.AuditAsync(context, AuditActions.ModelActivated, "model:" + wanted, "was " + previous, ct);
            await context.Out.WriteLineAsync($"activated {wanted} (was {previous}); running services switch within Learning:ReloadSeconds");
        });
        return command;
    }

    public static Command History(CliContext context)
    {
        var command = new Command("history", "Every recorded model, newest first: version, when, data counts, promoted or why not, and which is active.");
        command.SetAction(async (parse, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            var registry = context.Get<IModelRegistry>();
            var active = await registry.GetActiveAsync(ct);
            foreach (var model in await registry.ListAsync(ct))
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{(model.Id == active?.Id ? "*" : " ")} {model.Version}  {model.TrainedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC  {model.Origin.ToString().ToLowerInvariant(),-9}  rows {model.TrainingRows} (decisions {model.DecisionRows}, held back {model.HeldBackRows})  {(model.Promoted ? "promoted" : "not promoted")}: {model.Reason}"));
            }
        });
        return command;
    }

    /// <summary>Writes to a temporary file beside the target, then renames it: an interrupted export leaves no half file.</summary>
    internal static async Task WriteAsync(IReadOnlyList<LearningExample> examples, string path, CancellationToken ct)
    {
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var example in examples)
            {
                var row = new { id = example.Id, text = example.Text, label = example.Label.ToCode(), decided_at = example.DecidedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), agency = example.Agency };
                await stream.WriteAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(row, Json) + "\n"), ct);
            }
        }
        File.Move(temporary, path, overwrite: true);
    }
}
