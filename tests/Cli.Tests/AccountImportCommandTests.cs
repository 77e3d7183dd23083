using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Cli.Tests;

public sealed class AccountImportCommandTests
{
    private const string Csv = """
        platform,handle,nip
        mastodon,@budi@sosial.kotamaju.example,198504122010031001
        friendster,budi.fs,198504122010031001
        x,budi_x,12345
        x,ani_x,199001012015022002
        bluesky,budi.bsky.social,198504122010031001
        bluesky,Budi.bsky.social,198504122010031001
        facebook,budi.santoso,198504122010031001
        tiktok,budi.santoso,198504122010031001
        """;

    private static async Task<CliHarness> WithStaffAsync()
    {
        var cli = new CliHarness();
        await cli.GivenAsync(
            ["agencies", "add", "--code", "PEMKOT-MAJU", "--name", "Pemerintah Kota Maju"],
            ["staff", "add", "--nip", "198504122010031001", "--name", "Budi Santoso", "--agency", "PEMKOT-MAJU"]);
        return cli;
    }

    private static string WriteCsv(CliHarness cli, string text)
    {
        var path = Path.Combine(cli.Database.DataDirectory, "accounts.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private static readonly string[] ExpectedErrors =
    [
        "line 3: unknown platform 'friendster' (expected one of: mastodon, bluesky, x, rss, youtube, facebook, instagram, tiktok, threads, jsonl)",
        "line 4: NIP '12345' must be exactly 18 digits",
        "line 5: no staff member with NIP 199001012015022002 is registered",
        "line 7: duplicate of line 6 (bluesky account 'Budi.bsky.social')",
    ];

    [Fact]
    public async Task Dry_run_reports_every_bad_row_and_writes_nothing()
    {
        await using var cli = await WithStaffAsync();

        var run = await cli.RunAsync("accounts", "import", WriteCsv(cli, Csv), "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(ExpectedErrors, run.Error.ReplaceLineEndings("\n").TrimEnd().Split('\n'));
        Assert.Equal("dry run: 8 rows read, 4 would be imported, 4 rejected; nothing was written", run.Output.Trim());
        Assert.Empty(await cli.Database.Get<IAccountRepository>().ListAsync());
    }

    [Fact]
    public async Task Import_stores_the_valid_rows_together_and_reports_the_rest()
    {
        await using var cli = await WithStaffAsync();

        var run = await cli.RunAsync("accounts", "import", WriteCsv(cli, Csv));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(ExpectedErrors, run.Error.ReplaceLineEndings("\n").TrimEnd().Split('\n'));
        Assert.Equal("8 rows read, 4 imported, 4 rejected", run.Output.Trim());
        var accounts = await cli.Database.Get<IAccountRepository>().ListAsync();
        // The same handle on two platforms is two accounts: platforms never share handles.
        Assert.Equal(
            [(Platform.Bluesky, "budi.bsky.social"), (Platform.Facebook, "budi.santoso"), (Platform.Mastodon, "budi@sosial.kotamaju.example"), (Platform.Tiktok, "budi.santoso")],
            accounts.Select(a => (a.Platform, a.Handle)).OrderBy(a => a.Platform.ToCode(), StringComparer.Ordinal));
        var audit = (await cli.Database.Get<IAuditLog>().QueryAsync(null, null, null, "accounts.import", 0, 10)).Single();
        Assert.Equal(("file:accounts.csv", "4 imported, 4 rejected of 8 rows"), (audit.Subject, audit.Details));
    }

    [Fact]
    public async Task A_clean_file_imports_with_exit_code_zero_and_a_second_run_rejects_every_row()
    {
        await using var cli = await WithStaffAsync();
        var path = WriteCsv(cli, "platform,handle,nip\nx,budi_x,198504122010031001\nrss,https://blog.kotamaju.example/feed.xml,198504122010031001\n");

        var first = await cli.RunAsync("accounts", "import", path);
        var second = await cli.RunAsync("accounts", "import", path);

        Assert.Equal((0, "", "2 rows read, 2 imported, 0 rejected"), (first.ExitCode, first.Error, first.Output.Trim()));
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("line 2: x account 'budi_x' is already registered", second.Error);
        Assert.Equal(2, (await cli.Database.Get<IAccountRepository>().ListAsync()).Count);
    }

    [Fact]
    public async Task Missing_file_and_bad_header_are_one_line_errors()
    {
        await using var cli = await WithStaffAsync();
        var missingPath = Path.Combine(cli.Database.DataDirectory, "nope.csv");

        var missing = await cli.RunAsync("accounts", "import", missingPath);
        var badHeader = await cli.RunAsync("accounts", "import", WriteCsv(cli, "platform;handle;nip\nx;budi;198504122010031001\n"));

        missing.AssertOneLineError($"error: file '{missingPath}' not found");
        badHeader.AssertOneLineError("error: line 1: unknown column 'platform;handle;nip' in the header; expected platform,handle,nip[,platform_account_id]");
        Assert.Empty(await cli.Database.Get<IAccountRepository>().ListAsync());
    }
}
