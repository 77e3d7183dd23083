using System.CommandLine;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Cli;

/// <summary><c>socialwatch staff add|list</c>: civil servants, identified by NIP.</summary>
public static class StaffCommands
{
    public static Command Create(CliContext context)
    {
        var staff = new Command("staff", "Civil servants (ASN), identified by their 18-digit NIP.");

        var nip = new Option<string>("--nip") { Description = "The 18-digit NIP (spaces allowed).", Required = true };
        var name = new Option<string>("--name") { Description = "Full name.", Required = true };
        var agency = new Option<string>("--agency") { Description = "Code of a registered agency.", Required = true };
        var position = new Option<string?>("--position") { Description = "Position (jabatan), optional." };
        var add = new Command("add", "Register a staff member.") { nip, name, agency, position };
        add.SetAction(async (parse, ct) =>
        {
            var parsedNip = Nip.Parse(parse.GetValue(nip));
            await CliSupport.EnsureMigratedAsync(context, ct);
            var member = await context.Get<IStaffRepository>().AddAsync(
                new NewStaffMember(parsedNip, parse.GetValue(name)!, parse.GetValue(position), parse.GetValue(agency)!), ct);
            await CliSupport.AuditAsync(context, AuditActions.StaffAdded, $"staff:{member.Nip}", $"{member.Name}, agency {parse.GetValue(agency)!.Trim()}", ct);
            await context.Out.WriteLineAsync($"added staff member {member.Nip} ({member.Name})");
            return 0;
        });

        var agencyFilter = new Option<string?>("--agency") { Description = "Only the staff of this agency (code)." };
        var list = new Command("list", "List staff members.") { agencyFilter };
        list.SetAction(async (parse, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            var agencies = await context.Get<IAgencyRepository>().ListAsync(ct);
            long? agencyId = null;
            if (parse.GetValue(agencyFilter) is { } code)
            {
                agencyId = agencies.FirstOrDefault(a => string.Equals(a.Code, code.Trim(), StringComparison.OrdinalIgnoreCase))?.Id
                    ?? throw new DomainValidationException($"unknown agency '{code}'");
            }
            var codes = agencies.ToDictionary(a => a.Id, a => a.Code);
            var members = await context.Get<IStaffRepository>().ListAsync(agencyId, ct);
            CliSupport.WriteTable(context, ["nip", "name", "position", "agency"],
                members.Select(m => new[] { m.Nip.Value, m.Name, m.Position ?? "", codes[m.AgencyId] }));
            await context.Out.WriteLineAsync($"{members.Count} staff members");
            return 0;
        });

        staff.Subcommands.Add(add);
        staff.Subcommands.Add(list);
        return staff;
    }
}
