using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Registry;
using SocialWatch.Testing;

namespace SocialWatch.Core.Tests;

/// <summary>The import rules, against real repositories on a SQLite file.</summary>
public sealed class AccountCsvImportTests
{
    private static async Task<TempDatabase> RegistryAsync()
    {
        var database = await TempDatabase.CreateAsync();
        await SampleRegistry.AddAccountAsync(database, nipSequence: 1, handle: "budi");
        await database.Get<IStaffRepository>().AddAsync(new NewStaffMember(SampleRegistry.Nip(2), "Ani", null, "KOTAMAJU"));
        return database;
    }

    private static AccountCsvImport Import(TempDatabase database) => new(database.Get<IStaffRepository>(), database.Get<IAccountRepository>());

    [Fact]
    public async Task Every_bad_row_is_reported_with_its_line_and_reason_and_the_good_rows_are_imported()
    {
        await using var database = await RegistryAsync();
        var csv = """
            platform,handle,nip,platform_account_id
            mastodon,@ani@sosial.kotamaju.example,198504122010031002,1099
            myspace,ani.fb,198504122010031002,
            x,ani_x,19850412201003100,
            x,ani_x2,198504122010031099,

            bluesky,ani.bsky.social,198504122010031002,did:plc:ani
            bluesky,ANI.bsky.social,198504122010031002,
            mastodon,budi,198504122010031001,
            x,,198504122010031002,
            x,ani"x,198504122010031002,
            rss,https://blog.kotamaju.example/ani/feed.xml,198504122010031002
            """;
        var importer = Import(database);

        var plan = await importer.PlanAsync(new StringReader(csv));
        var report = await importer.ApplyAsync(plan);

        Assert.Equal(
            [
                new ImportRowError(3, "unknown platform 'myspace' (expected one of: mastodon, bluesky, x, rss, youtube, facebook, instagram, tiktok, threads, jsonl)"),
                new ImportRowError(4, "NIP '19850412201003100' must be exactly 18 digits"),
                new ImportRowError(5, "no staff member with NIP 198504122010031099 is registered"),
                new ImportRowError(8, "duplicate of line 7 (bluesky account 'ANI.bsky.social')"),
                new ImportRowError(9, "mastodon account 'budi' is already registered"),
                new ImportRowError(10, "the handle is empty"),
                new ImportRowError(11, "malformed CSV: a quote inside an unquoted field; quote the whole field and double any quote inside it"),
                new ImportRowError(12, "expected 4 fields, found 3"),
            ],
            report.Errors);
        Assert.Equal((10, 2), (report.RowsRead, report.Imported));
        var accounts = database.Get<IAccountRepository>();
        Assert.Equal("1099", (await accounts.FindAsync(Platform.Mastodon, "ani@sosial.kotamaju.example"))!.PlatformAccountId);
        Assert.Equal("did:plc:ani", (await accounts.FindAsync(Platform.Bluesky, "ani.bsky.social"))!.PlatformAccountId);
        Assert.Equal(3, (await accounts.ListAsync()).Count);
    }

    [Fact]
    public async Task Planning_writes_nothing()
    {
        await using var database = await RegistryAsync();

        var plan = await Import(database).PlanAsync(new StringReader("nip,platform,handle\n198504122010031002,x,ani_x\n"));

        Assert.Equal([new NewAccount(Platform.X, "ani_x", SampleRegistry.Nip(2))], plan.Accepted);
        Assert.Empty(plan.Errors);
        Assert.Single(await database.Get<IAccountRepository>().ListAsync());
    }

    [Fact]
    public async Task If_a_row_became_invalid_after_planning_nothing_is_written()
    {
        await using var database = await RegistryAsync();
        var importer = Import(database);
        var plan = await importer.PlanAsync(new StringReader("platform,handle,nip\nx,ani_x,198504122010031002\nx,ani_y,198504122010031002\n"));
        await database.Get<IAccountRepository>().AddAsync(new NewAccount(Platform.X, "ani_y", SampleRegistry.Nip(2)));

        await Assert.ThrowsAsync<DomainValidationException>(() => importer.ApplyAsync(plan));

        Assert.Null(await database.Get<IAccountRepository>().FindAsync(Platform.X, "ani_x"));
    }

    [Theory]
    [InlineData("", "the file is empty; expected a header row: platform,handle,nip[,platform_account_id]")]
    [InlineData("platform,handle\nx,ani\n", "line 1: the header lacks column 'nip'; expected platform,handle,nip[,platform_account_id]")]
    [InlineData("platform,handle,nip,email\n", "line 1: unknown column 'email' in the header; expected platform,handle,nip[,platform_account_id]")]
    [InlineData("platform,handle,nip,nip\n", "line 1: column 'nip' appears twice in the header")]
    public async Task A_missing_or_wrong_header_rejects_the_whole_file(string csv, string message)
    {
        await using var database = await RegistryAsync();

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Import(database).PlanAsync(new StringReader(csv)));

        Assert.Equal(message, ex.Message);
    }
}
