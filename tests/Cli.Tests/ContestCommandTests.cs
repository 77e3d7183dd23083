using Microsoft.Extensions.Configuration;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Cli.Tests;

/// <summary><c>contests list|show|import</c> over a copy of the shipped contest files.</summary>
public sealed class ContestCommandTests : IAsyncDisposable
{
    private static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "data", "contests");
    private static readonly string Example = Path.Combine(AppContext.BaseDirectory, "data", "examples", "kpu-candidates-example.csv");

    private readonly TempDatabase database = TempDatabase.CreateEmpty();
    private readonly DirectoryInfo contests = Directory.CreateTempSubdirectory("swcontests");

    public ContestCommandTests()
    {
        foreach (var file in Directory.GetFiles(Shipped, "*.json"))
        {
            File.Copy(file, Path.Combine(contests.FullName, Path.GetFileName(file)));
        }
    }

    private async Task<CliRun> RunAsync(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddConfiguration(database.Configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Classifier:LexiconDirectory"] = contests.FullName }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, output, error, configuration);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    private static readonly string[] Schedule =
        ["--election", "Pilkada 2024", "--source", "KPU Kabupaten Contoh, penetapan 22 Sep 2024", "--vote-date", "2024-11-27",
         "--candidates-set", "2024-09-22", "--campaign", "2024-09-25..2024-11-23", "--quiet", "2024-11-24..2024-11-26"];

    [Fact]
    public async Task Lists_and_shows_the_contests_of_the_files()
    {
        var list = await RunAsync("contests", "list");
        var show = await RunAsync("contests", "show", "pilkada-2024-jawa-barat");
        var unknown = await RunAsync("contests", "show", "pilkada-2024-atlantis");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("pilpres-2019", list.Output, StringComparison.Ordinal);
        Assert.Contains("32 Jawa Barat", list.Output, StringComparison.Ordinal);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("quiet period:   2024-11-24 to 2024-11-26", show.Output, StringComparison.Ordinal);
        Assert.Contains("Dedi Mulyadi – Erwan Setiawan", show.Output, StringComparison.Ordinal);
        Assert.Contains("source:         ", show.Output, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.StartsWith("error: no contest 'pilkada-2024-atlantis'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_writes_a_contest_file_that_loads_beside_the_others()
    {
        var run = await RunAsync(["contests", "import", Example, .. Schedule]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("3 rows read: 2 contests, 3 pairs written to", run.Output, StringComparison.Ordinal);
        var files = ContestFiles.Load(contests.FullName);
        var contest = files.Find("pilkada-2024-kabupaten-contoh")!;
        Assert.Equal(("pilbup", "32.99", "Pilkada 2024 Kabupaten Contoh (bupati)"), (contest.Kind, contest.RegionCode, contest.Name));
        Assert.Equal(["PKB", "Gerindra"], contest.Pairs[0].Parties);
        Assert.Equal(["PDI-P", "Golkar", "NasDem"], contest.Pairs[1].Parties);
        Assert.Equal("Agus Prasetyo – Dewi Lestari", contest.Pairs[1].Name);
        Assert.Equal(new DateOnly(2024, 11, 24), contest.QuietStart);
        Assert.NotNull(files.Find("pilkada-2024-kota-contoh"));
        var show = await RunAsync("contests", "show", "pilkada-2024-kota-contoh");
        Assert.Contains("Rina Marlina – Joko Susilo", show.Output, StringComparison.Ordinal);

        var audit = Assert.Single(await database.Get<IAuditLog>().QueryAsync(null, null, null, AuditActions.ContestsImported, 0, 10));
        Assert.Equal("file:kpu-candidates-example.json", audit.Subject);
        Assert.Equal("2 contests, 3 pairs from 3 rows of kpu-candidates-example.csv: pilkada-2024-kabupaten-contoh, pilkada-2024-kota-contoh", audit.Details);

        // The same lists again: the file exists, nothing is overwritten.
        var again = await RunAsync(["contests", "import", Example, .. Schedule]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_line_and_nothing_is_written()
    {
        var csv = Path.Combine(contests.FullName, "..", $"bad-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, """
            kode_wilayah,wilayah,jenis,nomor_urut,calon,wakil,partai_pengusung
            32.99,Kabupaten Contoh,pilbup,1,Budi Santoso,Siti Aminah,PKB
            32.99,Kabupaten Contoh,pilbup,1,Agus Prasetyo,Dewi Lestari,Golkar
            32,Kabupaten Contoh,pilbup,2,Agus Prasetyo,Dewi Lestari,Golkar
            32.99,Kabupaten Contoh,pilkades,3,Agus Prasetyo,Dewi Lestari,Golkar
            32.99,Kabupaten Contoh,pilbup,4,,Dewi Lestari,Golkar
            32.99,Kabupaten Contoh,pilbup,x,Agus,Dewi,Golkar
            32.99,Kab. Lain,pilbup,5,Agus,Dewi,Golkar
            """);
        try
        {
            var before = Directory.GetFiles(contests.FullName).Length;
            var run = await RunAsync(["contests", "import", csv, .. Schedule]);

            Assert.Equal(1, run.ExitCode);
            Assert.Equal(
                [
                    "line 3: nomor_urut 1 in Kabupaten Contoh is already on line 2",
                    "line 4: kode_wilayah '32' is not a regency or city code such as 32.73 (jenis pilbup)",
                    "line 5: jenis 'pilkades' is not one of pilgub, pilbup, pilwalkot, psu",
                    "line 6: calon is empty: a pair needs a name",
                    "line 7: nomor_urut 'x' is not a ballot number from 1 to 99",
                    "line 8: wilayah 'Kab. Lain' differs from 'Kabupaten Contoh' given for 32.99 on line 2",
                ],
                run.Error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
            Assert.Contains("7 rows read, 6 rejected; nothing was written", run.Output, StringComparison.Ordinal);
            Assert.Equal(before, Directory.GetFiles(contests.FullName).Length);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task Two_regions_that_would_share_a_contest_id_are_refused_by_line()
    {
        // Written, this file would stop the next start-up ("id is already used"); the import refuses it instead.
        var csv = Path.Combine(contests.FullName, "..", $"same-id-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, """
            kode_wilayah,wilayah,jenis,nomor_urut,calon,wakil,partai_pengusung
            32.99,Kabupaten Contoh,pilbup,1,Budi Santoso,Siti Aminah,PKB
            32.99,Kabupaten Contoh,psu,1,Budi Santoso,Siti Aminah,PKB
            33.98,Kabupaten Contoh,pilbup,1,Agus Prasetyo,Dewi Lestari,Golkar
            """);
        try
        {
            var before = Directory.GetFiles(contests.FullName).Length;
            var run = await RunAsync(["contests", "import", csv, .. Schedule]);

            Assert.Equal(1, run.ExitCode);
            Assert.Equal(
                [
                    "line 3: contest id 'pilkada-2024-kabupaten-contoh' of psu 32.99 is already given on line 2 (pilbup 32.99); import them separately or under another election name",
                    "line 4: contest id 'pilkada-2024-kabupaten-contoh' of pilbup 33.98 is already given on line 2 (pilbup 32.99); import them separately or under another election name",
                ],
                run.Error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
            Assert.Equal(before, Directory.GetFiles(contests.FullName).Length);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task An_election_without_a_name_or_a_source_is_refused_before_anything_is_read()
    {
        var noName = await RunAsync("contests", "import", Example, "--election", " - ", "--source", "KPU", "--vote-date", "2024-11-27");
        var noSource = await RunAsync("contests", "import", Example, "--election", "Pilkada 2024", "--source", " ", "--vote-date", "2024-11-27");

        Assert.Equal((1, 1), (noName.ExitCode, noSource.ExitCode));
        Assert.StartsWith("error: the election needs a name with letters or digits", noName.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: the source is required", noSource.Error, StringComparison.Ordinal);
        Assert.Null(ContestFiles.Load(contests.FullName).Find("pilkada-2024-kabupaten-contoh"));
    }

    [Fact]
    public async Task Dates_that_overlap_are_refused_naming_the_field()
    {
        var before = Directory.GetFiles(contests.FullName).Length;
        var run = await RunAsync("contests", "import", Example, "--election", "Pilkada 2024", "--source", "x", "--vote-date", "2024-11-20",
            "--campaign", "2024-09-25..2024-11-23");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain('\n', run.Error.TrimEnd('\r', '\n'));
        Assert.Contains("'contests[pilkada-2024-kabupaten-contoh].voteDate' (2024-11-20) overlaps 'contests[pilkada-2024-kabupaten-contoh].campaignEnd' (2024-11-23)", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(contests.FullName).Length);
    }

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        contests.Delete(recursive: true);
    }
}
