using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Cli.Tests;

public sealed class RegistryCommandTests
{
    private const string Nip1 = "198504122010031001";
    private const string Nip2 = "199001012015022002";

    private static async Task<CliHarness> WithAgencyAndStaffAsync()
    {
        var cli = new CliHarness();
        await cli.GivenAsync(
            ["agencies", "add", "--code", "PEMKOT-MAJU", "--name", "Pemerintah Kota Maju"],
            ["staff", "add", "--nip", Nip1, "--name", "Budi Santoso", "--agency", "pemkot-maju", "--position", "Analis"]);
        return cli;
    }

    [Fact]
    public async Task Agencies_are_added_listed_and_audited()
    {
        await using var cli = new CliHarness();

        var add = await cli.RunAsync("agencies", "add", "--code", "BKN", "--name", "Badan Kepegawaian Negara");
        var list = await cli.RunAsync("agencies", "list");

        Assert.Equal((0, "added agency BKN (Badan Kepegawaian Negara)\n"), (add.ExitCode, add.Output.ReplaceLineEndings("\n")));
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("BKN", list.Output);
        Assert.Contains("Badan Kepegawaian Negara", list.Output);
        Assert.Contains("1 agencies", list.Output);
        var entry = Assert.Single(await cli.Database.Get<IAuditLog>().QueryAsync(null, null, null, null, 0, 10));
        Assert.Equal(("cli:" + Environment.UserName, "agency.add", "agency:BKN"), (entry.Actor, entry.Action, entry.Subject));
    }

    [Fact]
    public async Task An_agency_region_is_set_listed_and_checked()
    {
        await using var cli = new CliHarness();

        var add = await cli.RunAsync("agencies", "add", "--code", "PEMKOT-BDG", "--name", "Pemerintah Kota Bandung", "--region", "32.73");
        var set = await cli.RunAsync("agencies", "set-region", "--code", "pemkot-bdg", "32");
        var list = await cli.RunAsync("agencies", "list");
        var bad = await cli.RunAsync("agencies", "set-region", "--code", "PEMKOT-BDG", "Jabar");

        Assert.Equal((0, "added agency PEMKOT-BDG (Pemerintah Kota Bandung, region 32.73)\n"), (add.ExitCode, add.Output.ReplaceLineEndings("\n")));
        Assert.Equal((0, "agency PEMKOT-BDG serves region 32\n"), (set.ExitCode, set.Output.ReplaceLineEndings("\n")));
        Assert.Contains("region", list.Output);
        Assert.Equal("32", (await cli.Database.Get<IAgencyRepository>().FindByCodeAsync("PEMKOT-BDG"))!.RegionCode);
        bad.AssertOneLineError("error: region code 'Jabar' is not a BPS/Kemendagri code such as 32 (province) or 32.73 (regency or city)");
    }

    [Fact]
    public async Task Duplicate_agency_is_a_one_line_error()
    {
        await using var cli = await WithAgencyAndStaffAsync();

        var duplicate = await cli.RunAsync("agencies", "add", "--code", "pemkot-maju", "--name", "Lagi");

        duplicate.AssertOneLineError("error: agency code 'pemkot-maju' is already registered");
    }

    [Fact]
    public async Task Staff_are_added_and_listed_per_agency()
    {
        await using var cli = await WithAgencyAndStaffAsync();
        await cli.GivenAsync(["agencies", "add", "--code", "BKN", "--name", "Badan Kepegawaian Negara"],
            ["staff", "add", "--nip", "19900101 201502 2 002", "--name", "Ani", "--agency", "BKN"]);

        var all = await cli.RunAsync("staff", "list");
        var pemkot = await cli.RunAsync("staff", "list", "--agency", "PEMKOT-MAJU");

        Assert.Contains(Nip1, all.Output);
        Assert.Contains(Nip2, all.Output);
        Assert.Contains("2 staff members", all.Output);
        Assert.Contains("Budi Santoso", pemkot.Output);
        Assert.Contains("Analis", pemkot.Output);
        Assert.DoesNotContain(Nip2, pemkot.Output);
        Assert.Equal(SampleNip(Nip2), (await cli.Database.Get<IStaffRepository>().FindByNipAsync(SampleNip(Nip2)))!.Nip);
    }

    [Theory]
    [InlineData(new[] { "staff", "add", "--nip", "12345", "--name", "X", "--agency", "PEMKOT-MAJU" }, "error: NIP '12345' must be exactly 18 digits")]
    [InlineData(new[] { "staff", "add", "--nip", "198513122010031001", "--name", "X", "--agency", "PEMKOT-MAJU" }, "error: NIP '198513122010031001' does not start with a valid birth date (yyyyMMdd)")]
    [InlineData(new[] { "staff", "add", "--nip", Nip1, "--name", "Budi Lagi", "--agency", "PEMKOT-MAJU" }, "error: a staff member with NIP 198504122010031001 is already registered")]
    [InlineData(new[] { "staff", "add", "--nip", Nip2, "--name", "Ani", "--agency", "KPU" }, "error: unknown agency 'KPU'")]
    [InlineData(new[] { "staff", "list", "--agency", "KPU" }, "error: unknown agency 'KPU'")]
    [InlineData(new[] { "accounts", "add", "--platform", "friendster", "--handle", "budi", "--nip", Nip1 }, "error: unknown platform 'friendster' (expected one of: mastodon, bluesky, x, rss, youtube, facebook, instagram, tiktok, threads, jsonl)")]
    [InlineData(new[] { "accounts", "add", "--platform", "x", "--handle", "ani", "--nip", Nip2 }, "error: no staff member with NIP 199001012015022002 is registered")]
    [InlineData(new[] { "accounts", "add", "--platform", "x", "--handle", "budi", "--nip", "1985" }, "error: NIP '1985' must be exactly 18 digits")]
    [InlineData(new[] { "accounts", "disable", "--platform", "x", "--handle", "@nobody" }, "error: no x account 'nobody' is registered")]
    [InlineData(new[] { "accounts", "list", "--status", "sleeping" }, "error: unknown status 'sleeping' (expected active, disabled or needs-attention)")]
    public async Task User_mistakes_are_one_line_errors_and_change_nothing(string[] args, string expected)
    {
        await using var cli = await WithAgencyAndStaffAsync();

        var run = await cli.RunAsync(args);

        run.AssertOneLineError(expected);
        Assert.Single(await cli.Database.Get<IStaffRepository>().ListAsync());
        Assert.Empty(await cli.Database.Get<IAccountRepository>().ListAsync());
        Assert.Equal(2, (await cli.Database.Get<IAuditLog>().QueryAsync(null, null, null, null, 0, 10)).Count);
    }

    [Fact]
    public async Task A_missing_required_option_is_reported_by_the_parser_with_a_non_zero_exit()
    {
        await using var cli = new CliHarness();

        var run = await cli.RunAsync("agencies", "add", "--code", "BKN");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--name", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task Accounts_are_added_listed_disabled_and_enabled()
    {
        await using var cli = await WithAgencyAndStaffAsync();

        var add = await cli.RunAsync("accounts", "add", "--platform", "mastodon", "--handle", "@budi@sosial.kotamaju.example", "--nip", Nip1, "--platform-account-id", "1099");
        await cli.GivenAsync(["accounts", "add", "--platform", "bluesky", "--handle", "budi.bsky.social", "--nip", Nip1]);
        var duplicate = await cli.RunAsync("accounts", "add", "--platform", "mastodon", "--handle", "BUDI@sosial.kotamaju.example", "--nip", Nip1);
        var disable = await cli.RunAsync("accounts", "disable", "--platform", "mastodon", "--handle", "budi@sosial.kotamaju.example", "--reason", "pindah instansi");
        var disabledOnly = await cli.RunAsync("accounts", "list", "--status", "disabled");
        var blueskyOnly = await cli.RunAsync("accounts", "list", "--platform", "bluesky");

        Assert.Equal(0, add.ExitCode);
        Assert.Contains("added mastodon account budi@sosial.kotamaju.example", add.Output);
        duplicate.AssertOneLineError("error: mastodon account 'BUDI@sosial.kotamaju.example' is already registered");
        Assert.Equal("mastodon account budi@sosial.kotamaju.example is now disabled", disable.Output.Trim());
        Assert.Contains("budi@sosial.kotamaju.example", disabledOnly.Output);
        Assert.Contains("disabled", disabledOnly.Output);
        Assert.Contains("Budi Santoso", disabledOnly.Output);
        Assert.Contains("1 accounts", disabledOnly.Output);
        Assert.Contains("budi.bsky.social", blueskyOnly.Output);
        Assert.DoesNotContain("sosial.kotamaju", blueskyOnly.Output);

        var enable = await cli.RunAsync("accounts", "enable", "--platform", "mastodon", "--handle", "budi@sosial.kotamaju.example");
        Assert.Equal(0, enable.ExitCode);
        var account = await cli.Database.Get<IAccountRepository>().FindAsync(Platform.Mastodon, "budi@sosial.kotamaju.example");
        Assert.Equal((AccountStatus.Active, "1099"), (account!.Status, account.PlatformAccountId));
        var entries = await cli.Database.Get<IAuditLog>().QueryAsync(null, null, null, null, 0, 10);
        // One action name per operation: the console writes "account.status" for the same change.
        Assert.Equal([AuditActions.AccountStatusChanged, AuditActions.AccountStatusChanged, "account.add", "account.add", "staff.add", "agency.add"], entries.Select(e => e.Action));
        Assert.Equal(["active", "disabled: pindah instansi"], entries.Take(2).Select(e => e.Details));
        Assert.All(entries, e => Assert.Contains(e.Action, AuditActions.All));
    }

    private static Nip SampleNip(string text) => Nip.Parse(text);
}
