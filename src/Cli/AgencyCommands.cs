using System.CommandLine;
using SocialWatch.Core.Ports;

namespace SocialWatch.Cli;

/// <summary><c>socialwatch agencies add|list</c>: the instansi whose staff are watched.</summary>
public static class AgencyCommands
{
    public static Command Create(CliContext context)
    {
        var agencies = new Command("agencies", "Agencies (instansi) whose staff are watched.");

        var code = new Option<string>("--code") { Description = "Short unique code, e.g. PEMKOT-MAJU (compared case-insensitively).", Required = true };
        var name = new Option<string>("--name") { Description = "Full name, e.g. \"Pemerintah Kota Maju\".", Required = true };
        var add = new Command("add", "Register an agency.") { code, name };
        add.SetAction(async (parse, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            var agency = await context.Get<IAgencyRepository>().AddAsync(parse.GetValue(code)!, parse.GetValue(name)!, ct);
            await CliSupport.AuditAsync(context, "agency.add", $"agency:{agency.Code}", agency.Name, ct);
            await context.Out.WriteLineAsync($"added agency {agency.Code} ({agency.Name})");
            return 0;
        });

        var list = new Command("list", "List the agencies.");
        list.SetAction(async (_, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            var all = await context.Get<IAgencyRepository>().ListAsync(ct);
            CliSupport.WriteTable(context, ["code", "name"], all.Select(a => new[] { a.Code, a.Name }));
            await context.Out.WriteLineAsync($"{all.Count} agencies");
            return 0;
        });

        agencies.Subcommands.Add(add);
        agencies.Subcommands.Add(list);
        return agencies;
    }
}
