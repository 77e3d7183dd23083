using System.CommandLine;
using System.Globalization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;

namespace SocialWatch.Cli;

/// <summary>
/// `socialwatch users add|list|set-password|set-agencies|tokens`: console accounts. The password never travels as an argument (it would sit in
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
        users.Subcommands.Add(SetPassword(context));
        users.Subcommands.Add(SetAgencies(context));
        users.Subcommands.Add(TokenCommands.Create(context));
        return users;
    }

    private static Command Add(CliContext context)
    {
        var userName = new Argument<string>("username") { Description = "Sign-in name (letters, digits, '.', '-', '_')." };
        var role = new Option<string>("--role") { Description = "admin, officer, supervisor or auditor.", Required = true };
        var agencies = new Option<string[]>("--agency") { Description = "Agency code an officer or supervisor reviews (repeat for several).", AllowMultipleArgumentsPerToken = true };
        var email = new Option<string>("--email") { Description = "Where the nightly digest goes.", Required = true };
        var name = new Option<string>("--name") { Description = "Display name.", Required = true };
        var (passwordEnv, passwordStdin) = PasswordOptions();
        var command = new Command("add", "Create a console user.") { userName, role, agencies, email, name, passwordEnv, passwordStdin };
        command.SetAction(async (parse, ct) =>
        {
            var parsedRole = ParseRole(parse.GetValue(role));
            var agencyCodes = parse.GetValue(agencies) ?? [];
            if (parsedRole.ReviewsFlags() && agencyCodes.Length == 0)
            {
                throw new CliUserException(parsedRole == Role.Officer
                    ? "an officer needs at least one --agency to review"
                    : "a supervisor needs at least one --agency to review");
            }
            if (!parsedRole.ReviewsFlags() && agencyCodes.Length > 0)
            {
                throw new CliUserException("only officers and supervisors are assigned agencies (admins and auditors see all)");
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

            var agencyIds = await AgencyIdsAsync(context, agencyCodes, ct);
            var user = await context.Get<IUserRepository>().AddAsync(login, (parse.GetValue(name) ?? "").Trim(), emailAddress, parsedRole, hash, agencyIds,
                context.Get<TimeProvider>().GetUtcNow(), ct);
            await CliSupport.AuditAsync(context, AuditActions.UserAdded, "user:" + user.UserName, $"role={user.Role.ToCode()}; agencies={string.Join(',', agencyCodes)}", ct);
            await context.Out.WriteLineAsync($"created {user.Role.ToCode()} '{user.UserName}' (id {user.Id.ToString(CultureInfo.InvariantCulture)})");
        });
        return command;
    }

    private static Command SetPassword(CliContext context)
    {
        var userName = new Argument<string>("username") { Description = "The user whose password is reset." };
        var (passwordEnv, passwordStdin) = PasswordOptions();
        var command = new Command("set-password", "Reset a user's password (also lifts a sign-in lockout).") { userName, passwordEnv, passwordStdin };
        command.SetAction(async (parse, ct) =>
        {
            var password = await ReadPasswordAsync(parse.GetValue(passwordEnv), parse.GetValue(passwordStdin), ct);
            var user = await FindUserAsync(context, parse.GetValue(userName), ct);
            await context.Get<IUserRepository>().SetPasswordAsync(user.Id, new PasswordHasher().Hash(password), ct);
            await CliSupport.AuditAsync(context, AuditActions.UserPasswordSet, "user:" + user.UserName, null, ct);
            await context.Out.WriteLineAsync($"password of '{user.UserName}' reset");
        });
        return command;
    }

    private static Command SetAgencies(CliContext context)
    {
        var userName = new Argument<string>("username") { Description = "The officer or supervisor whose agencies change." };
        var agencies = new Option<string[]>("--agency") { Description = "Agency code the officer or supervisor reviews (repeat for several); replaces the current list.", Required = true, AllowMultipleArgumentsPerToken = true };
        var command = new Command("set-agencies", "Replace the agencies an officer or supervisor reviews.") { userName, agencies };
        command.SetAction(async (parse, ct) =>
        {
            var codes = parse.GetValue(agencies) ?? [];
            var user = await FindUserAsync(context, parse.GetValue(userName), ct);
            if (!user.Role.ReviewsFlags())
            {
                throw new CliUserException($"'{user.UserName}' is {user.Role.ToCode()}: only officers and supervisors are assigned agencies (admins and auditors see all)");
            }
            var agencyIds = await AgencyIdsAsync(context, codes, ct);
            var before = await AgencyCodesAsync(context, user.AgencyIds, ct);
            await context.Get<IUserRepository>().SetAgenciesAsync(user.Id, agencyIds, ct);
            var after = string.Join(',', codes.Select(c => c.Trim().ToUpperInvariant()).Distinct());
            await CliSupport.AuditAsync(context, AuditActions.UserAgenciesSet, "user:" + user.UserName, $"agencies {before} -> {after}", ct);
            await context.Out.WriteLineAsync($"'{user.UserName}' now reviews {after}");
        });
        return command;
    }

    private static async Task<User> FindUserAsync(CliContext context, string? userName, CancellationToken ct)
    {
        await CliSupport.EnsureMigratedAsync(context, ct);
        var name = (userName ?? "").Trim();
        return await context.Get<IUserRepository>().FindByUserNameAsync(name, ct) ?? throw new CliUserException($"no user '{name}'");
    }

    private static async Task<List<long>> AgencyIdsAsync(CliContext context, IEnumerable<string> codes, CancellationToken ct)
    {
        var agencyRepository = context.Get<IAgencyRepository>();
        var ids = new List<long>();
        foreach (var code in codes)
        {
            var agency = await agencyRepository.FindByCodeAsync(code, ct) ?? throw new CliUserException($"unknown agency '{code}'");
            ids.Add(agency.Id);
        }
        return ids;
    }

    private static async Task<string> AgencyCodesAsync(CliContext context, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var codes = (await context.Get<IAgencyRepository>().ListAsync(ct)).ToDictionary(a => a.Id, a => a.Code);
        return ids.Count == 0 ? "none" : string.Join(',', ids.Select(id => codes.GetValueOrDefault(id, "?")));
    }

    private static (Option<string> FromEnvironment, Option<bool> FromStdin) PasswordOptions() => (
        new Option<string>("--password-env") { Description = "Name of the environment variable holding the password." },
        new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input." });

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
                    u.Id.ToString(CultureInfo.InvariantCulture), u.UserName, u.Role.ToCode(),
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

    private static Role ParseRole(string? role) => RoleRules.TryParseCode(role?.Trim().ToLowerInvariant(), out var parsed)
        ? parsed
        : throw new CliUserException($"unknown role '{role}' (expected admin, officer, supervisor or auditor)");
}
