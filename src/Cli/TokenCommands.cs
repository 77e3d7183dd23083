using System.CommandLine;
using System.Globalization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;

namespace SocialWatch.Cli;

/// <summary>
/// `socialwatch users tokens list|add|revoke`: a user's API tokens, as on the console's /tokens page. `add` prints the
/// token alone on standard output, once (<c>TOKEN=$(socialwatch users tokens add sari --name laporan)</c>); the
/// database keeps only its SHA-256.
/// </summary>
public static class TokenCommands
{
    public static Command Create(CliContext context)
    {
        var tokens = new Command("tokens", "API tokens for scripts (sent as Authorization: Bearer).");
        tokens.Subcommands.Add(List(context));
        tokens.Subcommands.Add(Add(context));
        tokens.Subcommands.Add(Revoke(context));
        return tokens;
    }

    private static Command List(CliContext context)
    {
        var userName = new Argument<string>("username") { Description = "Whose tokens." };
        var command = new Command("list", "List a user's tokens (never the tokens themselves).") { userName };
        command.SetAction(async (parse, ct) =>
        {
            var user = await FindUserAsync(context, parse.GetValue(userName), ct);
            var now = context.Get<TimeProvider>().GetUtcNow();
            var rows = await context.Get<IApiTokenRepository>().ListByUserAsync(user.Id, ct);
            CliSupport.WriteTable(context, ["id", "name", "status", "created", "by", "expires", "last used"],
                rows.Select(t => (IReadOnlyList<string?>)
                [
                    t.Id.ToString(CultureInfo.InvariantCulture), t.Name, t.RevokedAt is not null ? "revoked" : t.IsUsableAt(now) ? "active" : "expired",
                    CliSupport.FormatTime(context, t.CreatedAt), t.CreatedBy, t.ExpiresAt is null ? "never" : CliSupport.FormatTime(context, t.ExpiresAt),
                    CliSupport.FormatTime(context, t.LastUsedAt),
                ]));
        });
        return command;
    }

    private static Command Add(CliContext context)
    {
        var userName = new Argument<string>("username") { Description = "The user the token acts as (with their role and agencies)." };
        var name = new Option<string>("--name") { Description = "What the token is for, to tell it apart when revoking.", Required = true };
        var expiresDays = new Option<int?>("--expires-days") { Description = "Days until the token stops working (default: never)." };
        var command = new Command("add", "Create a token; it is printed once and cannot be shown again.") { userName, name, expiresDays };
        command.SetAction(async (parse, ct) =>
        {
            var days = parse.GetValue(expiresDays);
            if (days is < 1 or > 3650)
            {
                throw new CliUserException("--expires-days must be between 1 and 3650");
            }
            var user = await FindUserAsync(context, parse.GetValue(userName), ct);
            var now = context.Get<TimeProvider>().GetUtcNow();
            var (secret, hash) = ApiTokenSecret.Create();
            var token = await context.Get<IApiTokenRepository>().AddAsync(user.Id, parse.GetValue(name) ?? "", hash, CliSupport.Actor, now,
                days is { } d ? now.AddDays(d) : null, ct);
            var expiry = token.ExpiresAt is { } at ? at.ToString("O", CultureInfo.InvariantCulture) : "never";
            await CliSupport.AuditAsync(context, AuditActions.ApiTokenAdded, "apitoken:" + token.Id.ToString(CultureInfo.InvariantCulture),
                $"user={user.UserName}; name={token.Name}; expires={expiry}", ct);
            await context.Error.WriteLineAsync($"token {token.Id.ToString(CultureInfo.InvariantCulture)} for '{user.UserName}' created; it is shown only this once:");
            await context.Out.WriteLineAsync(secret);
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var userName = new Argument<string>("username") { Description = "Whose token." };
        var id = new Argument<long>("id") { Description = "The token's id, from `users tokens list`." };
        var command = new Command("revoke", "Revoke a token: calls with it get 401 from now on.") { userName, id };
        command.SetAction(async (parse, ct) =>
        {
            var user = await FindUserAsync(context, parse.GetValue(userName), ct);
            var tokens = context.Get<IApiTokenRepository>();
            var tokenId = parse.GetValue(id);
            var token = await tokens.GetAsync(tokenId, ct);
            if (token is null || token.UserId != user.Id)
            {
                throw new CliUserException($"'{user.UserName}' has no token {tokenId.ToString(CultureInfo.InvariantCulture)}");
            }
            if (!await tokens.RevokeAsync(token.Id, context.Get<TimeProvider>().GetUtcNow(), ct))
            {
                throw new CliUserException($"token {tokenId.ToString(CultureInfo.InvariantCulture)} is already revoked");
            }
            await CliSupport.AuditAsync(context, AuditActions.ApiTokenRevoked, "apitoken:" + token.Id.ToString(CultureInfo.InvariantCulture),
                $"user={user.UserName}; name={token.Name}", ct);
            await context.Out.WriteLineAsync($"token {tokenId.ToString(CultureInfo.InvariantCulture)} of '{user.UserName}' revoked");
        });
        return command;
    }

    private static async Task<User> FindUserAsync(CliContext context, string? userName, CancellationToken ct)
    {
        await CliSupport.EnsureMigratedAsync(context, ct);
        var name = (userName ?? "").Trim();
        return await context.Get<IUserRepository>().FindByUserNameAsync(name, ct) ?? throw new CliUserException($"no user '{name}'");
    }
}
