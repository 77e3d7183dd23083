using System.CommandLine;
using System.Globalization;
using System.Text;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Cli;

/// <summary><c>socialwatch contests list|show|import</c>: the contest files of Classifier:LexiconDirectory (docs/contests.md).</summary>
public static class ContestCommands
{
    public static Command Create(CliContext context)
    {
        var contests = new Command("contests", "Elections as data: the contests of the contest files, their KPU dates and pairs.");
        contests.Subcommands.Add(List(context));
        contests.Subcommands.Add(Show(context));
        contests.Subcommands.Add(Import(context));
        return contests;
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string RegionOf(ContestSummary contest) =>
        contest.Schedule.RegionCode is { } code ? $"{contest.Region} ({code})" : "national";

    private static Command List(CliContext context)
    {
        var list = new Command("list", "List every contest: id, kind, region, vote day, pairs.");
        list.SetAction(async (_, ct) =>
        {
            var all = context.Get<IContestDirectory>().List()
                .OrderByDescending(c => c.Schedule.VotingDay).ThenBy(c => c.Schedule.Id, StringComparer.Ordinal).ToList();
            CliSupport.WriteTable(context, ["id", "kind", "region", "vote", "pairs"],
                all.Select(c => new[] { c.Schedule.Id, c.Schedule.Kind.ToCode(), c.Schedule.RegionCode is { } code ? $"{code} {c.Region}" : "national", Day(c.Schedule.VotingDay), c.Pairs.Count.ToString(CultureInfo.InvariantCulture) }));
            await context.Out.WriteLineAsync($"{all.Count} contests");
            return 0;
        });
        return list;
    }

    private static Command Show(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "A contest id, as `contests list` shows it." };
        var show = new Command("show", "One contest: its KPU dates, source and pairs.") { id };
        show.SetAction(async (parse, ct) =>
        {
            var contests = context.Get<IContestDirectory>();
            var contest = contests.List().FirstOrDefault(c => c.Schedule.Id == parse.GetValue(id))
                ?? throw new CliUserException($"no contest '{parse.GetValue(id)}' in {contests.Location} (see `socialwatch contests list`)");
            var s = contest.Schedule;
            var text = new StringBuilder()
                .AppendLine(s.Name)
                .AppendLine(CultureInfo.InvariantCulture, $"id:             {s.Id}")
                .AppendLine(CultureInfo.InvariantCulture, $"kind:           {s.Kind.ToCode()}")
                .AppendLine(CultureInfo.InvariantCulture, $"region:         {RegionOf(contest)}")
                .AppendLine(CultureInfo.InvariantCulture, $"candidates set: {Day(s.CandidatesSetOn)}")
                .AppendLine(CultureInfo.InvariantCulture, $"campaign:       {(s.CampaignStart is null ? "" : $"{Day(s.CampaignStart)} to {Day(s.CampaignEnd)}")}")
                .AppendLine(CultureInfo.InvariantCulture, $"quiet period:   {(s.QuietStart is null ? "" : $"{Day(s.QuietStart)} to {Day(s.QuietEnd)}")}")
                .AppendLine(CultureInfo.InvariantCulture, $"vote:           {Day(s.VotingDay)}")
                .AppendLine(CultureInfo.InvariantCulture, $"source:         {contest.Source}")
                .AppendLine(CultureInfo.InvariantCulture, $"file:           {contest.FileName}");
            await context.Out.WriteAsync(text.ToString());
            CliSupport.WriteTable(context, ["no", "pair", "parties"],
                contest.Pairs.Select(p => new[] { p.Number.ToString("00", CultureInfo.InvariantCulture), p.Name, string.Join(", ", p.Parties) }));
            return 0;
        });
        return show;
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = $"CSV with a header naming {string.Join(",", KpuCandidateCsv.Columns)} (docs/contests.md, data/examples/kpu-candidates-example.csv)." };
        var election = new Option<string>("--election") { Description = "The election the lists belong to, e.g. \"Pilkada 2024\": names the contests and prefixes their ids.", Required = true };
        var source = new Option<string>("--source") { Description = "The KPU decision or announcement the lists come from (kept in the file).", Required = true };
        var vote = new Option<string>("--vote-date") { Description = "Vote day, e.g. 2024-11-27.", Required = true };
        var candidatesSet = new Option<string?>("--candidates-set") { Description = "Day the KPU set the pairs (penetapan), e.g. 2024-09-22." };
        var campaign = new Option<string?>("--campaign") { Description = "Campaign period, FROM..TO, e.g. 2024-09-25..2024-11-23." };
        var quiet = new Option<string?>("--quiet") { Description = "Quiet period (masa tenang), FROM..TO, e.g. 2024-11-24..2024-11-26." };
        var output = new Option<string?>("--out") { Description = "The contest file to write (default: the CSV's name with .json, in the contest directory). Never overwritten." };
        var import = new Command("import",
            "Write a contest file from the KPU's per-region candidate lists. Every bad row is reported as `line N: reason` and nothing is written; " +
            "exit code 1 then.") { file, election, source, vote, candidatesSet, campaign, quiet, output };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var (campaignStart, campaignEnd) = Period(parse.GetValue(campaign), "--campaign");
            var (quietStart, quietEnd) = Period(parse.GetValue(quiet), "--quiet");
            var schedule = new CandidateImportSchedule(parse.GetValue(election)!.Trim(), parse.GetValue(source)!.Trim(), ParseDay(parse.GetValue(vote), "--vote-date")!.Value,
                ParseDay(parse.GetValue(candidatesSet), "--candidates-set"), campaignStart, campaignEnd, quietStart, quietEnd);
            // The audit entry must be writable before the file is.
            await CliSupport.EnsureMigratedAsync(context, ct);
            var contests = context.Get<IContestDirectory>();
            var target = parse.GetValue(output) ?? contests.TargetFor(path);
            ContestImportResult result;
            using (var reader = CliSupport.OpenCsv(path))
            {
                result = contests.Import(reader, schedule, target, write: true);
            }
            foreach (var error in result.Errors)
            {
                await context.Error.WriteLineAsync($"line {error.Line}: {error.Reason}");
            }
            if (result.Errors.Count > 0)
            {
                await context.Out.WriteLineAsync($"{result.RowsRead} rows read, {result.Errors.Count} rejected; nothing was written");
                return CliApplication.UserError;
            }
            await CliSupport.AuditAsync(context, AuditActions.ContestsImported, "file:" + Path.GetFileName(result.Target), result.AuditDetails(Path.GetFileName(path)), ct);
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{result.RowsRead} rows read: {result.Contests.Count} contests, {result.Contests.Sum(c => c.Pairs.Count)} pairs written to {result.Target} (restart the worker to load it)"));
            return 0;
        });
        return import;
    }

    private static DateOnly? ParseDay(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new CliUserException($"{option} '{text}' must look like 2024-11-27");
    }

    private static (DateOnly? From, DateOnly? To) Period(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }
        var parts = text.Split("..", 2);
        return parts.Length == 2
            ? (ParseDay(parts[0], option), ParseDay(parts[1], option))
            : throw new CliUserException($"{option} '{text}' must look like 2024-09-25..2024-11-23");
    }
}
