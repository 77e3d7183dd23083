using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Cli.Ingestion;

/// <summary><c>socialwatch flags list [--status S] [--json]</c>: the review queue, newest first.</summary>
public static class FlagsCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var status = new Option<string?>("--status")
        {
            Description = $"Which flags, as in the console's queue: {string.Join(", ", FlagStatusNames.FilterCodes)} (default: all)",
        };
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
                Statuses = parseResult.GetValue(status) is { } s ? FlagStatusNames.ParseFilter(s) : null,
                Sort = FlagSort.NewestFirst,
                PageSize = max,
            };
            await CliSupport.EnsureMigratedAsync(context, ct);
            var page = await context.Get<IFlagRepository>().QueryAsync(query, ct);
            if (parseResult.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(page.Items.Select(item => ToJson(context, item)), Json));
            }
            else
            {
                CliSupport.WriteTable(context, ["id", "status", "label", "score", "flagged", "posted", "account", "staff", "agency", "excerpt"],
                    page.Items.Select(item => new[]
                    {
                        item.Flag.Id.ToString(CultureInfo.InvariantCulture),
                        item.Flag.Status.ToCode(),
                        item.Flag.Label.ToCode(),
                        item.Flag.Score.ToString("0.00", CultureInfo.InvariantCulture),
                        CliSupport.FormatTime(context, item.Flag.CreatedAt),
                        CliSupport.FormatTime(context, item.PostCreatedAt),
                        $"{item.Platform.ToCode()} @{item.AccountHandle}",
                        item.StaffName,
                        item.AgencyName,
                        (item.EditedAfterFlagging ? "[edited after flagging] " : "") + item.PostExcerpt.ReplaceLineEndings(" "),
                    }));
                await context.Out.WriteLineAsync($"{page.Items.Count} of {page.TotalCount} flags");
            }
            return 0;
        });

        var flags = new Command("flags", "The review queue of flagged posts");
        flags.Subcommands.Add(list);
        return flags;
    }

    private static object ToJson(CliContext context, FlagSummary item) => new
    {
        id = item.Flag.Id,
        status = item.Flag.Status.ToCode(),
        label = item.Flag.Label.ToCode(),
        score = item.Flag.Score,
        createdAt = CliSupport.JsonTime(context, item.Flag.CreatedAt),
        postId = item.Flag.PostId,
        postCreatedAt = CliSupport.JsonTime(context, item.PostCreatedAt),
        platform = item.Platform.ToCode(),
        handle = item.AccountHandle,
        staffName = item.StaffName,
        staffNip = item.StaffNip.Value,
        agency = item.AgencyName,
        excerpt = item.PostExcerpt,
        editedAfterFlagging = item.EditedAfterFlagging,
        assignee = item.AssigneeName,
        decidedBy = item.DecidedBy,
        decidedAt = CliSupport.JsonTime(context, item.DecidedAt),
    };
}
