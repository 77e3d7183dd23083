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
    public async Task A_supervisor_is_added_with_the_agencies_they_supervise_and_can_be_moved_to_others()
    {
        var (cli, variable) = await WithAgencyAndPasswordAsync();
        await using var _ = cli;
        await cli.GivenAsync(["agencies", "add", "--code", "DINKES", "--name", "Dinas Kesehatan"]);

        var noAgency = await cli.RunAsync("users", "add", "hendra", "--role", "supervisor", "--email", "hendra@kotamaju.example", "--name", "Hendra", "--password-env", variable);
        var add = await cli.RunAsync("users", "add", "hendra", "--role", "Supervisor", "--agency", "PEMKOT-MAJU", "--email", "hendra@kotamaju.example", "--name", "Hendra", "--password-env", variable);
        var move = await cli.RunAsync("users", "set-agencies", "hendra", "--agency", "DINKES");

        noAgency.AssertOneLineError("error: a supervisor needs at least one --agency to review");
        Assert.Equal(0, add.ExitCode);
        Assert.StartsWith("created supervisor 'hendra'", add.Output.Trim(), StringComparison.Ordinal);
        Assert.Equal(0, move.ExitCode);
        var hendra = (await cli.Database.Get<IUserRepository>().FindByUserNameAsync("hendra"))!;
        var dinkes = (await cli.Database.Get<IAgencyRepository>().FindByCodeAsync("DINKES"))!;
        Assert.Equal(Role.Supervisor, hendra.Role);
        Assert.Equal([dinkes.Id], hendra.AgencyIds);
        var entry = Assert.Single(await cli.Database.Get<IAuditLog>().QueryAsync(null, null, null, AuditActions.UserAdded, 0, 10));
        Assert.Equal("role=supervisor; agencies=PEMKOT-MAJU", entry.Details);
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
            .AssertOneLineError("error: unknown role 'boss' (expected admin, officer, supervisor or auditor)");
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

    [Fact]
    public async Task Set_password_replaces_the_hash_lifts_a_lockout_and_is_audited_without_the_password()
    {
        var (cli, variable) = await WithAgencyAndPasswordAsync();
        await using var _ = cli;
        await cli.GivenAsync(["users", "add", "sari", "--role", "officer", "--agency", "PEMKOT-MAJU", "--email", "sari@kotamaju.example", "--name", "Sari", "--password-env", variable]);
        var users = cli.Database.Get<IUserRepository>();
        var sari = (await users.FindByUserNameAsync("sari"))!;
        await users.RecordFailedSignInAsync(sari.Id, 1, DateTimeOffset.UtcNow.AddHours(1));
        Environment.SetEnvironmentVariable(variable, "another long password");

        var run = await cli.RunAsync("users", "set-password", "sari", "--password-env", variable);
        var unknown = await cli.RunAsync("users", "set-password", "nobody", "--password-env", variable);

        Assert.Equal((0, "password of 'sari' reset"), (run.ExitCode, run.Output.Trim()));
        var after = (await users.FindByUserNameAsync("sari"))!;
        Assert.True(PasswordHasher.Verify("another long password", after.PasswordHash));
        Assert.False(PasswordHasher.Verify("a long enough password", after.PasswordHash));
        Assert.Null(after.LockedUntil);
        var entry = Assert.Single(await cli.Database.Get<IAuditLog>().QueryAsync(null, null, null, AuditActions.UserPasswordSet, 0, 10));
        Assert.Equal(("cli", "user:sari"), (entry.Actor.Split(':')[0], entry.Subject));
        Assert.DoesNotContain("another long password", entry.Details ?? "", StringComparison.Ordinal);
        unknown.AssertOneLineError("error: no user 'nobody'");
    }

    [Fact]
    public async Task Set_agencies_replaces_an_officers_agencies_audits_before_and_after_and_refuses_others()
    {
        var (cli, variable) = await WithAgencyAndPasswordAsync();
        await using var _ = cli;
        await cli.GivenAsync(
            ["agencies", "add", "--code", "DINKES", "--name", "Dinas Kesehatan"],
            ["users", "add", "sari", "--role", "officer", "--agency", "PEMKOT-MAJU", "--email", "sari@kotamaju.example", "--name", "Sari", "--password-env", variable],
            ["users", "add", "root", "--role", "admin", "--email", "root@kotamaju.example", "--name", "Root", "--password-env", variable]);

        var run = await cli.RunAsync("users", "set-agencies", "sari", "--agency", "dinkes");
        var admin = await cli.RunAsync("users", "set-agencies", "root", "--agency", "DINKES");
        var unknown = await cli.RunAsync("users", "set-agencies", "sari", "--agency", "KPU");

        Assert.Equal((0, "'sari' now reviews DINKES"), (run.ExitCode, run.Output.Trim()));
        var dinkes = (await cli.Database.Get<IAgencyRepository>().FindByCodeAsync("DINKES"))!;
        Assert.Equal([dinkes.Id], (await cli.Database.Get<IUserRepository>().FindByUserNameAsync("sari"))!.AgencyIds);
        var entry = Assert.Single(await cli.Database.Get<IAuditLog>().QueryAsync(null, null, null, AuditActions.UserAgenciesSet, 0, 10));
        Assert.Equal(("user:sari", "agencies PEMKOT-MAJU -> DINKES"), (entry.Subject, entry.Details));
        admin.AssertOneLineError("error: 'root' is admin: only officers and supervisors are assigned agencies (admins and auditors see all)");
        unknown.AssertOneLineError("error: unknown agency 'KPU'");
        Assert.Equal([dinkes.Id], (await cli.Database.Get<IUserRepository>().FindByUserNameAsync("sari"))!.AgencyIds);
    }
}
