using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using Spectre.Console;

namespace SocialWatch.Cli.Ingestion;

/// <summary><c>socialwatch flags list [--status S] [--json]</c>: the review queue, newest first.</summary>
public static class FlagsCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static Command Create(CliContext context)
    {
        var status = new Option<string?>("--status") { Description = "Only flags in this status: open, in-review, confirmed, dismissed, escalated" };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table" };
        var limit = new Option<int>("--limit") { Description = "At most this many flags (newest first)", DefaultValueFactory = _ => 100 };
        var list = new Command("list", "List flags waiting for, or done with, review");
        list.Options.Add(status);
        list.Options.Add(json);
        list.Options.Add(limit);
        list.SetAction(async (parseResult, ct) =>
        {
            var max = parseResult.GetValue(limit);
            if (max < 1)
            {
                throw new CliUserException("--limit must be at least 1");
            }
            var query = new FlagQuery
            {
                Statuses = parseResult.GetValue(status) is { } s ? [ParseStatus(s)] : null,
                Sort = FlagSort.NewestFirst,
                PageSize = max,
            };
            var page = await context.Get<IFlagRepository>().QueryAsync(query, ct);
            if (parseResult.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(page.Items.Select(ToJson), Json));
            }
            else
            {
                WriteTable(context, page);
            }
            return 0;
        });

        var flags = new Command("flags", "The review queue of flagged posts");
        flags.Subcommands.Add(list);
        return flags;
    }

    private static FlagStatus ParseStatus(string text)
    {
        var key = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return Enum.TryParse<FlagStatus>(key, ignoreCase: true, out var status) && Enum.IsDefined(status)
            ? status
            : throw new CliUserException($"unknown status '{text}' (expected open, in-review, confirmed, dismissed or escalated)");
    }

    private static object ToJson(FlagSummary item) => new
    {
        id = item.Flag.Id,
        status = item.Flag.Status,
        label = item.Flag.Label.ToCode(),
        score = item.Flag.Score,
        createdAt = item.Flag.CreatedAt,
        postId = item.Flag.PostId,
        postCreatedAt = item.PostCreatedAt,
        platform = item.Platform.ToCode(),
        handle = item.AccountHandle,
        staffName = item.StaffName,
        staffNip = item.StaffNip.Value,
        agency = item.AgencyName,
        excerpt = item.PostExcerpt,
    };

    private static void WriteTable(CliContext context, FlagPage page)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out) });
        var table = new Table().AddColumns("id", "status", "label", "score", "posted", "account", "staff", "agency", "excerpt");
        foreach (var item in page.Items)
        {
            table.AddRow(
                item.Flag.Id.ToString(CultureInfo.InvariantCulture),
                item.Flag.Status.ToString(),
                item.Flag.Label.ToCode(),
                item.Flag.Score.ToString("0.00", CultureInfo.InvariantCulture),
                item.PostCreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Markup.Escape($"{item.Platform.ToCode()} @{item.AccountHandle}"),
                Markup.Escape(item.StaffName),
                Markup.Escape(item.AgencyName),
                Markup.Escape(item.PostExcerpt));
        }
        console.Write(table);
        console.WriteLine($"{page.Items.Count} of {page.TotalCount} flags");
    }
}
