using System.CommandLine;
using System.Globalization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;

namespace SocialWatch.Cli;

/// <summary>
/// `socialwatch users add|list`: console accounts. The password never travels as an argument (it would sit in
/// shell history and the process list): it comes from a named environment variable or from standard input,
/// and the product ships no default password.
/// </summary>
public static class UsersCommands
{
    public static Command Create(CliContext context)
    {
        var users = new Command("users", "Console users: admins, officers and auditors.");
        users.Subcommands.Add(Add(context));
        users.Subcommands.Add(List(context));
        return users;
    }

    private static Command Add(CliContext context)
    {
        var userName = new Argument<string>("username") { Description = "Sign-in name (letters, digits, '.', '-', '_')." };
        var role = new Option<string>("--role") { Description = "admin, officer or auditor.", Required = true };
        var agencies = new Option<string[]>("--agency") { Description = "Agency code an officer reviews (repeat for several).", AllowMultipleArgumentsPerToken = true };
        var email = new Option<string>("--email") { Description = "Where the nightly digest goes.", Required = true };
        var name = new Option<string>("--name") { Description = "Display name.", Required = true };
        var passwordEnv = new Option<string>("--password-env") { Description = "Name of the environment variable holding the password." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input." };
        var command = new Command("add", "Create a console user.") { userName, role, agencies, email, name, passwordEnv, passwordStdin };
        command.SetAction(async (parse, ct) =>
        {
            var parsedRole = ParseRole(parse.GetValue(role));
            var agencyCodes = parse.GetValue(agencies) ?? [];
            if (parsedRole == Role.Officer && agencyCodes.Length == 0)
            {
                throw new CliUserException("an officer needs at least one --agency to review");
            }
            if (parsedRole != Role.Officer && agencyCodes.Length > 0)
            {
                throw new CliUserException("only officers are assigned agencies (admins and auditors see all)");
            }
            var login = (parse.GetValue(userName) ?? "").Trim();
            if (login.Length is 0 or > 64 || !login.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                throw new CliUserException($"user name '{login}' must be 1-64 letters, digits, '.', '-' or '_'");
            }
            var emailAddress = (parse.GetValue(email) ?? "").Trim();
            if (!System.Net.Mail.MailAddress.TryCreate(emailAddress, out _))
            {
                throw new CliUserException($"'{emailAddress}' is not an email address");
            }
            var password = await ReadPasswordAsync(parse.GetValue(passwordEnv), parse.GetValue(passwordStdin), ct);
            var hash = new PasswordHasher().Hash(password);
            await CliSupport.EnsureMigratedAsync(context, ct);

            var agencyRepository = context.Get<IAgencyRepository>();
            var agencyIds = new List<long>();
            foreach (var code in agencyCodes)
            {
                var agency = await agencyRepository.FindByCodeAsync(code, ct) ?? throw new CliUserException($"unknown agency '{code}'");
                agencyIds.Add(agency.Id);
            }
            var user = await context.Get<IUserRepository>().AddAsync(login, (parse.GetValue(name) ?? "").Trim(), emailAddress, parsedRole, hash, agencyIds,
                context.Get<TimeProvider>().GetUtcNow(), ct);
            await CliSupport.AuditAsync(context, "user.add", "user:" + user.UserName, $"role={RoleCode(user.Role)}; agencies={string.Join(',', agencyCodes)}", ct);
            await context.Out.WriteLineAsync($"created {RoleCode(user.Role)} '{user.UserName}' (id {user.Id.ToString(CultureInfo.InvariantCulture)})");
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List console users.");
        command.SetAction(async (_, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            var agencies = (await context.Get<IAgencyRepository>().ListAsync(ct)).ToDictionary(a => a.Id, a => a.Code);
            var users = await context.Get<IUserRepository>().ListAsync(null, ct);
            CliSupport.WriteTable(context, ["id", "username", "role", "agencies", "active", "locked until", "email", "name"],
                users.Select(u => (IReadOnlyList<string?>)
                [
                    u.Id.ToString(CultureInfo.InvariantCulture), u.UserName, RoleCode(u.Role),
                    u.AgencyIds.Count == 0 ? "-" : string.Join(',', u.AgencyIds.Select(id => agencies.GetValueOrDefault(id, "?"))),
                    u.IsActive ? "yes" : "no", CliSupport.FormatTime(context, u.LockedUntil), u.Email, u.DisplayName,
                ]));
        });
        return command;
    }

    private static async Task<string> ReadPasswordAsync(string? environmentVariable, bool fromStdin, CancellationToken ct)
    {
        if (environmentVariable is not null && fromStdin)
        {
            throw new CliUserException("give the password either with --password-env or with --password-stdin, not both");
        }
        string? password;
        if (environmentVariable is not null)
        {
            password = Environment.GetEnvironmentVariable(environmentVariable)
                ?? throw new CliUserException($"environment variable '{environmentVariable}' is not set");
        }
        else if (fromStdin)
        {
            password = await Console.In.ReadLineAsync(ct) ?? throw new CliUserException("no password on standard input");
        }
        else
        {
            throw new CliUserException("give the password with --password-env NAME or --password-stdin (never as an argument)");
        }
        password = password.TrimEnd('\r', '\n');
        return password.Length >= PasswordHasher.MinimumPasswordLength
            ? password
            : throw new CliUserException($"the password must have at least {PasswordHasher.MinimumPasswordLength} characters");
    }

    private static Role ParseRole(string? role) => role?.Trim().ToUpperInvariant() switch
    {
        "ADMIN" => Role.Admin,
        "OFFICER" => Role.Officer,
        "AUDITOR" => Role.Auditor,
        _ => throw new CliUserException($"unknown role '{role}' (expected admin, officer or auditor)"),
    };

    private static string RoleCode(Role role) => role switch
    {
        Role.Admin => "admin",
        Role.Officer => "officer",
        Role.Auditor => "auditor",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
