using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;

namespace SocialWatch.Cli.Tests;

public sealed class UsersCommandTests
{
    private static async Task<(CliHarness Cli, string Variable)> WithAgencyAndPasswordAsync(string password = "a long enough password")
    {
        var cli = new CliHarness();
        await cli.GivenAsync(["agencies", "add", "--code", "PEMKOT-MAJU", "--name", "Pemerintah Kota Maju"]);
        // A variable name of this test's own, so parallel tests do not see each other's passwords.
        var variable = "SW_TEST_PASSWORD_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, password);
        return (cli, variable);
    }

    [Fact]
    public async Task An_officer_is_created_with_a_PBKDF2_hash_and_the_agency_and_listed()
    {
        var (cli, variable) = await WithAgencyAndPasswordAsync();
        await using var _ = cli;

        var add = await cli.RunAsync("users", "add", "sari", "--role", "officer", "--agency", "pemkot-maju", "--email", "sari@kotamaju.example",
            "--name", "Sari Wulandari", "--password-env", variable);
        var list = await cli.RunAsync("users", "list");

        Assert.Equal(0, add.ExitCode);
        Assert.StartsWith("created officer 'sari'", add.Output, StringComparison.Ordinal);
        var user = (await cli.Database.Get<IUserRepository>().FindByUserNameAsync("sari"))!;
        Assert.Equal(Role.Officer, user.Role);
        Assert.StartsWith("pbkdf2-sha256$v1$", user.PasswordHash, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("a long enough password", user.PasswordHash));
        Assert.Single(user.AgencyIds);
        Assert.Contains("PEMKOT-MAJU", list.Output, StringComparison.Ordinal);
        Assert.Contains("sari@kotamaju.example", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("a long enough password", list.Output + add.Output, StringComparison.Ordinal);
        Assert.Contains(await cli.Database.Get<IAuditLog>().QueryAsync(null, null, null, "user.add", 0, 10), e => e.Subject == "user:sari");
    }

    [Fact]
    public async Task There_is_no_password_argument_and_no_default_password()
    {
        var (cli, variable) = await WithAgencyAndPasswordAsync();
        await using var _ = cli;

        var noPassword = await cli.RunAsync("users", "add", "budi", "--role", "auditor", "--email", "budi@kotamaju.example", "--name", "Budi");
        noPassword.AssertOneLineError("error: give the password with --password-env NAME or --password-stdin (never as an argument)");
        var asArgument = await cli.RunAsync("users", "add", "budi", "--role", "auditor", "--email", "budi@kotamaju.example", "--name", "Budi", "--password", "secret");
        Assert.NotEqual(0, asArgument.ExitCode);
        var unset = await cli.RunAsync("users", "add", "budi", "--role", "auditor", "--email", "budi@kotamaju.example", "--name", "Budi", "--password-env", variable + "_UNSET");
        unset.AssertOneLineError($"error: environment variable '{variable}_UNSET' is not set");
        Assert.Null(await cli.Database.Get<IUserRepository>().FindByUserNameAsync("budi"));
    }

    [Fact]
    public async Task Mistakes_are_one_line_errors()
    {
        var (cli, variable) = await WithAgencyAndPasswordAsync("short");
        await using var _ = cli;

        (await cli.RunAsync("users", "add", "x", "--role", "auditor", "--email", "x@kotamaju.example", "--name", "X", "--password-env", variable))
            .AssertOneLineError("error: the password must have at least 12 characters");
        Environment.SetEnvironmentVariable(variable, "a long enough password");
        (await cli.RunAsync("users", "add", "x", "--role", "boss", "--email", "x@kotamaju.example", "--name", "X", "--password-env", variable))
            .AssertOneLineError("error: unknown role 'boss' (expected admin, officer or auditor)");
        (await cli.RunAsync("users", "add", "x", "--role", "officer", "--email", "x@kotamaju.example", "--name", "X", "--password-env", variable))
            .AssertOneLineError("error: an officer needs at least one --agency to review");
        (await cli.RunAsync("users", "add", "x", "--role", "officer", "--agency", "NOPE", "--email", "x@kotamaju.example", "--name", "X", "--password-env", variable))
            .AssertOneLineError("error: unknown agency 'NOPE'");
        (await cli.RunAsync("users", "add", "x", "--role", "admin", "--email", "not-an-address", "--name", "X", "--password-env", variable))
            .AssertOneLineError("error: 'not-an-address' is not an email address");
        await cli.GivenAsync(["users", "add", "x", "--role", "admin", "--email", "x@kotamaju.example", "--name", "X", "--password-env", variable]);
        var duplicate = await cli.RunAsync("users", "add", "X", "--role", "admin", "--email", "x@kotamaju.example", "--name", "X", "--password-env", variable);
        Assert.Equal(1, duplicate.ExitCode);
    }
}
