using SocialWatch.Core.Domain;
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
        var region = new Option<string?>("--region") { Description = "BPS/Kemendagri code of the region it serves, e.g. 32 (Jawa Barat) or 32.73 (Kota Bandung): its staff's posts are read against that region's contests." };
        var add = new Command("add", "Register an agency.") { code, name, region };
        add.SetAction(async (parse, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            var agency = await context.Get<IAgencyRepository>().AddAsync(parse.GetValue(code)!, parse.GetValue(name)!, parse.GetValue(region), ct);
            await CliSupport.AuditAsync(context, AuditActions.AgencyAdded, $"agency:{agency.Code}", agency.RegionCode is null ? agency.Name : $"{agency.Name} (region {agency.RegionCode})", ct);
            await context.Out.WriteLineAsync(agency.RegionCode is null ? $"added agency {agency.Code} ({agency.Name})" : $"added agency {agency.Code} ({agency.Name}, region {agency.RegionCode})");
            return 0;
        });

        var regionCode = new Argument<string>("REGION") { Description = "BPS/Kemendagri code such as 32.73, or \"none\" to clear it." };
        var setRegionCode = new Option<string>("--code") { Description = "The agency's code.", Required = true };
        var setRegion = new Command("set-region", "Set the region an agency serves.") { setRegionCode, regionCode };
        setRegion.SetAction(async (parse, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            var value = parse.GetValue(regionCode)!;
            var agency = await context.Get<IAgencyRepository>().SetRegionAsync(parse.GetValue(setRegionCode)!, string.Equals(value, "none", StringComparison.OrdinalIgnoreCase) ? null : value, ct);
            await CliSupport.AuditAsync(context, AuditActions.AgencyRegionSet, $"agency:{agency.Code}", agency.RegionCode ?? "none", ct);
            await context.Out.WriteLineAsync($"agency {agency.Code} serves region {agency.RegionCode ?? "(none)"}");
            return 0;
        });

        var list = new Command("list", "List the agencies.");
        list.SetAction(async (_, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            var all = await context.Get<IAgencyRepository>().ListAsync(ct);
            CliSupport.WriteTable(context, ["code", "name", "region"], all.Select(a => new[] { a.Code, a.Name, a.RegionCode ?? "" }));
            await context.Out.WriteLineAsync($"{all.Count} agencies");
            return 0;
        });

        agencies.Subcommands.Add(add);
        agencies.Subcommands.Add(list);
        agencies.Subcommands.Add(setRegion);
        return agencies;
    }
}
