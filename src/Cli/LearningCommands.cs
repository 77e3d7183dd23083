using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Learning;

namespace SocialWatch.Cli;

/// <summary>`socialwatch model export-decisions`: the officers' decisions as labelled JSONL that `model train --data` reads.</summary>
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
