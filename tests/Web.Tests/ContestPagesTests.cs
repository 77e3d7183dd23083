using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;
using SocialWatch.Hosting;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>
/// The Worker host over its own database and its own copy of the shipped contest files, so that an import writes
/// into a folder of the test and never into the checkout's data/contests.
/// </summary>
public sealed class ContestConsole : IAsyncLifetime
{
    private readonly TempDirectory contests = new();

    public TempDatabase Database { get; private set; } = null!;
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public string ContestDirectory => contests.Path;

    public async Task InitializeAsync()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(SettingsFolder.Path, "data", "contests"), "*.json"))
        {
            File.Copy(file, contests.File(Path.GetFileName(file)));
        }
        Database = await TempDatabase.CreateAsync();
        var agency = await Database.Get<IAgencyRepository>().AddAsync("KOTAMAJU", "Pemerintah Kota Maju");
        var users = Database.Get<IUserRepository>();
        var hash = new PasswordHasher(PasswordHasher.MinimumIterations).Hash(ConsoleFixture.Password);
        await users.AddAsync("admin", "Admin Satu", "admin@kotamaju.example", Role.Admin, hash, [], DateTimeOffset.UnixEpoch);
        await users.AddAsync("auditor", "Auditor Satu", "auditor@kotamaju.example", Role.Auditor, hash, [], DateTimeOffset.UnixEpoch);
        await users.AddAsync("officer-a", "Petugas A", "a@kotamaju.example", Role.Officer, hash, [agency.Id], DateTimeOffset.UnixEpoch);
        await users.AddAsync("supervisor-a", "Supervisor A", "sa@kotamaju.example", Role.Supervisor, hash, [agency.Id], DateTimeOffset.UnixEpoch);
        var settings = TempDatabase.ConfigurationFor(Database.DataDirectory);
        settings["Classifier:LexiconDirectory"] = contests.Path;
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(settings)));
    }

    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> ClientAsync(string actor)
    {
        var client = Anonymous();
        if (actor != "anonymous")
        {
            var response = await ConsoleFixture.PostFormAsync(client, "/signin", "/signin", new() { ["userName"] = actor, ["password"] = ConsoleFixture.Password });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        return client;
    }

    public string[] ContestFileNames() => [.. Directory.GetFiles(contests.Path).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
        contests.Dispose();
    }

}

/// <summary>
/// The contests pages (docs/console.md): the list and one contest like `contests list|show`, and the import of the
/// KPU's candidate lists like `contests import`, through the same service.
/// </summary>
public sealed class ContestPagesTests(ContestConsole console) : IClassFixture<ContestConsole>
{
    private static readonly string[] Actors = ["anonymous", "admin", "officer-a", "auditor", "supervisor-a"];

    private static readonly string Example = Path.Combine(SettingsFolder.Path, "data", "examples", "kpu-candidates-example.csv");

    private static Dictionary<string, string> Schedule(string election) => new()
    {
        ["election"] = election,
        ["source"] = "KPU Kabupaten Contoh, penetapan paslon 22 Sep 2024",
        ["candidatesSet"] = "2024-09-22",
        ["campaignStart"] = "2024-09-25",
        ["campaignEnd"] = "2024-11-23",
        ["quietStart"] = "2024-11-24",
        ["quietEnd"] = "2024-11-26",
        ["voteDate"] = "2024-11-27",
    };

    /// <summary>Posts the import form as a browser does: multipart, the file under "upload", the token of <paramref name="tokenPage"/>.</summary>
    private static async Task<HttpResponseMessage> CheckAsync(HttpClient client, string fileName, string csv, Dictionary<string, string> fields, string tokenPage = "/admin/contests/import")
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        form.Add(new StringContent(await ConsoleFixture.AntiforgeryTokenAsync(client, tokenPage)), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "upload", fileName);
        return await client.PostAsync("/admin/contests/import?handler=Check", form);
    }

    [Theory]
    [InlineData("/admin/contests", "signin 200 denied 200 denied")]
    [InlineData("/admin/contests/pilkada-2024-jawa-barat", "signin 200 denied 200 denied")]
    [InlineData("/admin/contests/pilkada-2024-atlantis", "signin 404 denied 404 denied")]
    [InlineData("/admin/contests/import", "signin 200 denied denied denied")]
    public async Task Pages_answer_each_role_as_expected(string path, string expected)
    {
        var expectations = expected.Split(' ');
        for (var i = 0; i < Actors.Length; i++)
        {
            using var client = await console.ClientAsync(Actors[i]);
            using var response = await client.GetAsync(path);
            ConsoleFixture.AssertOutcome(expectations[i], response, $"GET {path} as {Actors[i]}");
        }
    }

    [Fact]
    public async Task Only_an_admin_may_check_or_write_an_import()
    {
        var before = console.ContestFileNames();
        foreach (var (actor, expected) in new[] { ("anonymous", "signin"), ("officer-a", "denied"), ("auditor", "denied"), ("supervisor-a", "denied") })
        {
            using var client = await console.ClientAsync(actor);
            var tokenPage = actor == "anonymous" ? "/signin" : "/";
            using var check = await CheckAsync(client, "kpu-refused.csv", await File.ReadAllTextAsync(Example), Schedule("Pilkada Ditolak"), tokenPage);
            ConsoleFixture.AssertOutcome(expected, check, $"check as {actor}");
            var fields = Schedule("Pilkada Ditolak");
            fields["csv"] = await File.ReadAllTextAsync(Example);
            fields["csvName"] = "kpu-refused.csv";
            using var write = await ConsoleFixture.PostFormAsync(client, tokenPage, "/admin/contests/import?handler=Write", fields);
            ConsoleFixture.AssertOutcome(expected, write, $"write as {actor}");
        }
        Assert.Equal(before, console.ContestFileNames());
    }

    [Fact]
    public async Task An_import_without_the_antiforgery_token_is_refused()
    {
        using var admin = await console.ClientAsync("admin");
        var fields = Schedule("Pilkada Tanpa Token");
        fields["csv"] = await File.ReadAllTextAsync(Example);
        fields["csvName"] = "kpu-no-token.csv";

        using var response = await admin.PostAsync("/admin/contests/import?handler=Write", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("kpu-no-token.json", console.ContestFileNames());
    }

    [Fact]
    public async Task Bad_rows_are_listed_by_line_in_the_console_language_and_nothing_is_written()
    {
        using var admin = await console.ClientAsync("admin");
        var before = console.ContestFileNames();
        const string Csv = """
            kode_wilayah,wilayah,jenis,nomor_urut,calon,wakil,partai_pengusung
            32.99,Kabupaten Contoh,pilbup,1,Budi Santoso,Siti Aminah,PKB
            32.99,Kabupaten Contoh,pilbup,1,Agus Prasetyo,Dewi Lestari,Golkar
            32,Kabupaten Contoh,pilbup,2,Agus Prasetyo,Dewi Lestari,Golkar
            32.99,Kabupaten Contoh,pilkades,3,Agus Prasetyo,Dewi Lestari,Golkar
            32.99,Kabupaten Contoh,pilbup,4,,Dewi Lestari,Golkar
            """;

        using var response = await CheckAsync(admin, "kpu-bad.csv", Csv, Schedule("Pilkada 2024"));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("5 baris dibaca, 4 ditolak; tidak ada yang ditulis.", html, StringComparison.Ordinal);
        Assert.Matches(@"<td class=""num"">3</td><td><bdi class=""untrusted"">nomor_urut 1 di Kabupaten Contoh sudah ada pada baris 2</bdi>", html);
        Assert.Matches(@"<td class=""num"">4</td><td><bdi class=""untrusted"">kode_wilayah '32' bukan kode kabupaten atau kota seperti 32.73 \(jenis pilbup\)</bdi>", html);
        Assert.Matches(@"<td class=""num"">5</td><td><bdi class=""untrusted"">jenis 'pilkades' bukan salah satu dari pilgub, pilbup, pilwalkot, psu</bdi>", html);
        Assert.Matches(@"<td class=""num"">6</td><td><bdi class=""untrusted"">calon kosong: pasangan memerlukan nama</bdi>", html);
        Assert.DoesNotContain("is already on line", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"write\"", html, StringComparison.Ordinal);
        Assert.Equal(before, console.ContestFileNames());
    }

    [Fact]
    public async Task A_file_that_cannot_be_imported_is_explained_and_loses_nothing()
    {
        using var admin = await console.ClientAsync("admin");
        var before = console.ContestFileNames();
        var overlapping = Schedule("Pilkada Tumpang");
        overlapping["voteDate"] = "2024-11-20";

        using var header = await CheckAsync(admin, "kpu-header.csv", "kode,wilayah\n32,Jawa Barat\n", Schedule("Pilkada Judul"));
        using var dates = await CheckAsync(admin, "kpu-dates.csv", await File.ReadAllTextAsync(Example), overlapping);
        using var large = await CheckAsync(admin, "kpu-large.csv", "kode_wilayah,wilayah,jenis,nomor_urut,calon,wakil,partai_pengusung\n" + new string('x', 1_000_001), Schedule("Pilkada Besar"));
        using var empty = await CheckAsync(admin, "kpu-empty.csv", "", Schedule("Pilkada Kosong"));

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest],
            new[] { header.StatusCode, dates.StatusCode, large.StatusCode, empty.StatusCode });
        Assert.Contains("baris 1: baris judul harus menyebut kolom kode_wilayah,wilayah,jenis,nomor_urut,calon,wakil,partai_pengusung; yang kurang: kode_wilayah, jenis, nomor_urut, calon, wakil, partai_pengusung",
            WebUtility.HtmlDecode(await header.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        // The contest-file rules name the field; the sentence around them is in the console's language.
        var datesHtml = WebUtility.HtmlDecode(await dates.Content.ReadAsStringAsync());
        Assert.Contains("'contests[pilkada-tumpang-kabupaten-contoh].voteDate' (2024-11-20) overlaps 'contests[pilkada-tumpang-kabupaten-contoh].quietEnd' (2024-11-26)", datesHtml, StringComparison.Ordinal);
        Assert.Contains("; tidak ada yang ditulis", datesHtml, StringComparison.Ordinal);
        Assert.Contains("berkas lebih besar dari", WebUtility.HtmlDecode(await large.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("pilih berkas CSV berisi daftar calon dari KPU", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, console.ContestFileNames());
    }

    [Fact]
    public async Task A_good_import_is_checked_then_written_like_the_cli_audited_and_listed_as_waiting_for_a_restart()
    {
        using var admin = await console.ClientAsync("admin");
        var csv = await File.ReadAllTextAsync(Example);
        var before = console.ContestFileNames();

        // The uploaded name only names the file, inside the contest directory.
        using var check = await CheckAsync(admin, "../../KPU Contoh (final).csv", csv, Schedule("Pilkada 2024 Uji"));
        var checkHtml = WebUtility.HtmlDecode(await check.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("3 baris dibaca: 2 kontestasi, 3 pasangan, akan ditulis ke kpu-contoh-final.json. Belum ada yang ditulis.", checkHtml, StringComparison.Ordinal);
        Assert.Contains("Agus Prasetyo – Dewi Lestari", checkHtml, StringComparison.Ordinal);
        Assert.Equal(before, console.ContestFileNames());

        var fields = Schedule("Pilkada 2024 Uji");
        fields["csv"] = csv;
        fields["csvName"] = "../../KPU Contoh (final).csv";
        using var write = await ConsoleFixture.PostFormAsync(admin, "/admin/contests/import", "/admin/contests/import?handler=Write", fields);
        Assert.Equal(HttpStatusCode.Redirect, write.StatusCode);
        Assert.Equal("/admin/contests", write.Headers.Location!.OriginalString);

        Assert.Equal(before.Append("kpu-contoh-final.json").Order(StringComparer.Ordinal), console.ContestFileNames());
        var written = ContestFiles.Load(console.ContestDirectory).Find("pilkada-2024-uji-kabupaten-contoh")!;
        Assert.Equal(("pilbup", "32.99", "Pilkada 2024 Uji Kabupaten Contoh (bupati)"), (written.Kind, written.RegionCode, written.Name));
        Assert.Equal(["PDI-P", "Golkar", "NasDem"], written.Pairs[1].Parties);
        Assert.Equal((new DateOnly(2024, 9, 22), new DateOnly(2024, 11, 24), new DateOnly(2024, 11, 27)), (written.CandidatesSet, written.QuietStart, written.VoteDate));
        // Byte for byte the file `contests import` writes for these lists and this schedule (into an empty folder here).
        using (var cliFolder = new TempDirectory())
        using (var reader = new StringReader(csv))
        {
            new ContestDirectory(cliFolder.Path).Import(reader, new CandidateImportSchedule("Pilkada 2024 Uji", "KPU Kabupaten Contoh, penetapan paslon 22 Sep 2024", new DateOnly(2024, 11, 27),
                new DateOnly(2024, 9, 22), new DateOnly(2024, 9, 25), new DateOnly(2024, 11, 23), new DateOnly(2024, 11, 24), new DateOnly(2024, 11, 26)), cliFolder.File("kpu-contoh-final.json"), write: true);
            Assert.Equal(await File.ReadAllBytesAsync(cliFolder.File("kpu-contoh-final.json")), await File.ReadAllBytesAsync(Path.Combine(console.ContestDirectory, "kpu-contoh-final.json")));
        }

        var audit = Assert.Single(await console.Database.Get<IAuditLog>().QueryAsync(null, null, "admin", AuditActions.ContestsImported, 0, 10));
        Assert.Equal("file:kpu-contoh-final.json", audit.Subject);
        Assert.StartsWith("2 contests, 3 pairs from 3 rows of ../../KPU Contoh (final).csv: pilkada-2024-uji-kabupaten-contoh, pilkada-2024-uji-kota-contoh", audit.Details, StringComparison.Ordinal);

        // Listed at once, marked as used only after a restart; the shipped contests are in use.
        var list = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/contests"));
        Assert.Contains("kpu-contoh-final.json ditulis: 2 kontestasi, 3 pasangan. Layanan memakainya setelah worker dimulai ulang.", list, StringComparison.Ordinal);
        Assert.Matches(@"pilkada-2024-uji-kota-contoh</bdi></code></small></td>(?:(?!</tr>).)*setelah dimulai ulang", list.ReplaceLineEndings(" "));
        Assert.Matches(@"pilkada-2024-jawa-barat</bdi></code></small></td>(?:(?!</tr>).)*>dimuat<", list.ReplaceLineEndings(" "));
        var show = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/contests/pilkada-2024-uji-kota-contoh"));
        Assert.Contains("id=\"not-loaded\"", show, StringComparison.Ordinal);
        Assert.Contains("Rina Marlina – Joko Susilo", show, StringComparison.Ordinal);
        Assert.Contains("24 November 2024 – 26 November 2024", show, StringComparison.Ordinal);

        // The same lists again: the file is there and is never overwritten.
        var bytes = await File.ReadAllBytesAsync(Path.Combine(console.ContestDirectory, "kpu-contoh-final.json"));
        using var twice = await ConsoleFixture.PostFormAsync(admin, "/admin/contests/import", "/admin/contests/import?handler=Write", fields);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("sudah ada dan berkas kontestasi tidak pernah ditimpa; tidak ada yang ditulis", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(console.ContestDirectory, "kpu-contoh-final.json")));
        Assert.Single(await console.Database.Get<IAuditLog>().QueryAsync(null, null, "admin", AuditActions.ContestsImported, 0, 10));
    }

    [Fact]
    public async Task A_contest_file_broken_on_disk_since_start_up_is_named_on_the_pages_not_a_server_error()
    {
        using var admin = await console.ClientAsync("admin");
        var broken = Path.Combine(console.ContestDirectory, "zz-broken.json");
        await File.WriteAllTextAsync(broken, """{ "contests": [ { "id": "zz", "name": "ZZ", "kind": "pilkades", "voteDate": "2024-11-27" } ] }""");
        try
        {
            using var list = await admin.GetAsync("/admin/contests");
            using var show = await admin.GetAsync("/admin/contests/pilkada-2024-jawa-barat");
            using var check = await CheckAsync(admin, "kpu-broken-dir.csv", await File.ReadAllTextAsync(Example), Schedule("Pilkada Rusak"));

            foreach (var response in new[] { list, show, check })
            {
                var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                Assert.Contains($"contest file '{broken}': 'contests[zz].kind' is 'pilkades'", html, StringComparison.Ordinal);
            }
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest), (list.StatusCode, show.StatusCode, check.StatusCode));
            Assert.DoesNotContain("kpu-broken-dir.json", console.ContestFileNames());
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
