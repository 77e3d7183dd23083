using Dapper;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;
using SocialWatch.Storage;

namespace SocialWatch.Cli.Tests;

public sealed class TokenCommandTests
{
    [Fact]
    public async Task A_token_is_printed_once_stored_hashed_listed_and_revoked()
    {
        await using var cli = new CliHarness();
        var variable = "SW_TEST_PASSWORD_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "a long enough password");
        await cli.GivenAsync(["users", "add", "agus", "--role", "auditor", "--email", "agus@kotamaju.example", "--name", "Agus", "--password-env", variable]);

        var add = await cli.RunAsync("users", "tokens", "add", "agus", "--name", "laporan mingguan", "--expires-days", "30");
        var secret = add.Output.Trim();
        var list = await cli.RunAsync("users", "tokens", "list", "agus");
        var token = (await cli.Database.Get<IApiTokenRepository>().ListByUserAsync((await cli.Database.Get<IUserRepository>().FindByUserNameAsync("agus"))!.Id)).Single();
        var revoke = await cli.RunAsync("users", "tokens", "revoke", "agus", token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var again = await cli.RunAsync("users", "tokens", "revoke", "agus", token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var listAfter = await cli.RunAsync("users", "tokens", "list", "agus");

        Assert.Equal(0, add.ExitCode);
        Assert.StartsWith(ApiTokenSecret.Prefix, secret, StringComparison.Ordinal);
        Assert.Contains("shown only this once", add.Error, StringComparison.Ordinal);
        Assert.Contains("laporan mingguan", list.Output, StringComparison.Ordinal);
        Assert.Contains("active", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.Output, StringComparison.Ordinal);
        Assert.Equal(0, revoke.ExitCode);
        again.AssertOneLineError($"error: token {token.Id} is already revoked");
        Assert.Contains("revoked", listAfter.Output, StringComparison.Ordinal);
        await using var connection = await cli.Database.Get<DbConnectionFactory>().OpenAsync(default);
        Assert.Equal(ApiTokenSecret.Hash(secret), await connection.ExecuteScalarAsync<string>("SELECT token_hash FROM api_tokens"));
        var audit = await cli.Database.Get<IAuditLog>().QueryAsync(null, null, null, null, 0, 100);
        Assert.Contains(audit, e => e.Action == "apitoken.add" && e.Actor.StartsWith("cli:", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "apitoken.revoke");
    }

    [Fact]
    public async Task Mistakes_are_one_line_errors()
    {
        await using var cli = new CliHarness();

        (await cli.RunAsync("users", "tokens", "add", "nobody", "--name", "x")).AssertOneLineError("error: no user 'nobody'");
        (await cli.RunAsync("users", "tokens", "add", "nobody", "--name", "x", "--expires-days", "0")).AssertOneLineError("error: --expires-days must be between 1 and 3650");
        (await cli.RunAsync("users", "tokens", "revoke", "nobody", "5")).AssertOneLineError("error: no user 'nobody'");
    }
}
