using SocialWatch.Classifier.Lexicon;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Tests;

public sealed class ContestFileTests
{
    private const string Valid = """
        { "contests": [ { "id": "pilgub-contoh", "name": "Pilgub Contoh", "kind": "pilgub", "region": "Contoh", "regionCode": "32",
          "candidatesSet": "2024-09-22", "campaignStart": "2024-09-25", "campaignEnd": "2024-11-23",
          "quietStart": "2024-11-24", "quietEnd": "2024-11-26", "voteDate": "2024-11-27",
          "pairs": [ { "number": 1, "name": "A – B" }, { "number": 2, "name": "C – D" } ] } ] }
        """;

    private static string ErrorOf(string json) =>
        Assert.Throws<ContestFileException>(() => LexiconFile.Parse(System.Text.Encoding.UTF8.GetBytes(json), "contoh.json")).Message;

    [Fact]
    public void A_valid_file_gives_its_schedule_to_the_calendar()
    {
        var file = LexiconFile.Parse(System.Text.Encoding.UTF8.GetBytes(Valid), "contoh.json");
        var schedule = Assert.Single(file.Contests).ToSchedule();

        Assert.Equal(ContestKind.Pilgub, schedule.Kind);
        Assert.Equal("32", schedule.RegionCode);
        Assert.Equal(ElectionPhaseKind.Quiet, schedule.KindOn(new DateOnly(2024, 11, 25)));
    }

    [Theory]
    [InlineData("\"campaignEnd\": \"2024-11-23\"", "\"campaignEnd\": \"2024-11-25\"", "'contests[pilgub-contoh].quietStart' (2024-11-24) overlaps 'contests[pilgub-contoh].campaignEnd' (2024-11-25)")]
    [InlineData("\"voteDate\": \"2024-11-27\"", "\"voteDate\": \"2024-11-26\"", "'contests[pilgub-contoh].voteDate' (2024-11-26) overlaps 'contests[pilgub-contoh].quietEnd'")]
    [InlineData("\"kind\": \"pilgub\"", "\"kind\": \"pilkades\"", "'contests[pilgub-contoh].kind' is 'pilkades', not one of pilpres, pileg, pilgub, pilbup, pilwalkot, psu")]
    [InlineData("{ \"number\": 2, \"name\": \"C – D\" }", "{ \"number\": 1, \"name\": \"C – D\" }", "'contests[pilgub-contoh].pairs[1].number' is used twice")]
    [InlineData("{ \"number\": 2, \"name\": \"C – D\" }", "{ \"number\": 2, \"name\": \" \" }", "'contests[pilgub-contoh].pairs[2].name' is required")]
    [InlineData("\"regionCode\": \"32\"", "\"regionCode\": \"32.73\"", "'contests[pilgub-contoh].regionCode' is '32.73', not a province code")]
    [InlineData("\"regionCode\": \"32\"", "\"regionCode\": \"\"", "'contests[pilgub-contoh].regionCode' is ''")]
    [InlineData("\"voteDate\": \"2024-11-27\"", "\"voteDate\": \"27/11/2024\"", "'contests[0].voteDate' is invalid")]
    [InlineData(", \"quietEnd\": \"2024-11-26\"", "", "'contests[pilgub-contoh].quietEnd' is required with its other end")]
    public void Bad_input_is_one_line_naming_the_file_and_the_field(string replace, string with, string expected)
    {
        Assert.Contains(replace, Valid, StringComparison.Ordinal);
        var message = ErrorOf(Valid.Replace(replace, with, StringComparison.Ordinal));

        Assert.StartsWith("contest file 'contoh.json': ", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void A_national_contest_has_no_region_code()
    {
        var message = ErrorOf("""{ "contests": [ { "id": "p", "name": "P", "kind": "pilpres", "regionCode": "32", "voteDate": "2029-04-01" } ] }""");
        Assert.Contains("'contests[p].regionCode' must be empty for a national contest", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_parties_with_one_number_in_one_election_are_refused()
    {
        var message = ErrorOf("""{ "parties": [ { "number": 3, "name": "A", "election": "e" }, { "number": 3, "name": "B", "election": "e" } ] }""");
        Assert.Contains("'parties[].number' 3 is used twice in election 'e' (A, B)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_held_out_deployment_files_load_beside_the_shipped_ones_replacing_only_their_namesakes()
    {
        // bench/real-style.sh copies data/contests and then data/heldout/contests into one folder: a held-out file
        // either adds contests no shipped file has or replaces the shipped file of the same name (contest ids must be
        // unique across the folder). They carry only what an admin writes: no slurs, and no context words, which
        // would no longer be those the shipped model was trained with.
        var heldOut = Path.Combine(AppContext.BaseDirectory, "data", "heldout", "contests");
        var directory = Directory.CreateTempSubdirectory("swdeployed");
        try
        {
            foreach (var file in Directory.GetFiles(TestResources.ContestDirectory, "*.json").Concat(Directory.GetFiles(heldOut, "*.json")))
            {
                File.Copy(file, Path.Combine(directory.FullName, Path.GetFileName(file)), overwrite: true);
            }
            var deployed = LexiconFile.LoadDirectory(directory.FullName);
            var added = LexiconFile.LoadDirectory(heldOut);
            Assert.All(added, file => Assert.Empty(file.Slurs));
            Assert.All(added, file => Assert.Null(file.ContextWords));
            var shipped = TestResources.ContestFiles.SelectMany(f => f.Contests).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(["pilpres-2019"], added.SelectMany(f => f.Contests).Select(c => c.Id).Where(shipped.Contains));
            Assert.Equal(shipped.Count + added.Sum(f => f.Contests.Count) - 1, deployed.Sum(f => f.Contests.Count));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_contest_id_used_by_two_files_is_refused_naming_both()
    {
        var directory = Directory.CreateTempSubdirectory("swcontests");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "a.json"), Valid);
            File.WriteAllText(Path.Combine(directory.FullName, "b.json"), Valid);
            var message = Assert.Throws<ContestFileException>(() => LexiconFile.LoadDirectory(directory.FullName)).Message;
            Assert.Contains("b.json': 'contests[pilgub-contoh].id' is already used by", message, StringComparison.Ordinal);
            Assert.Contains("a.json", message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_governor_races_of_Pilkada_2024_cover_the_37_provinces_that_held_one()
    {
        var governors = TestResources.ContestFiles.SelectMany(f => f.Contests).Where(c => c.Kind == "pilgub" && c.VoteDate == new DateOnly(2024, 11, 27)).ToList();

        Assert.Equal(37, governors.Select(c => c.RegionCode).Distinct().Count());
        Assert.Equal(37, governors.Count);
        // DI Yogyakarta (34) does not elect its governor.
        Assert.DoesNotContain(governors, c => c.RegionCode == "34");
    }

    [Fact]
    public void Every_shipped_contest_states_its_source_and_a_full_KPU_schedule()
    {
        var contests = TestResources.ContestFiles.SelectMany(f => f.Contests).ToList();

        Assert.All(contests, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Source), c.Id);
            Assert.NotNull(c.CandidatesSet);
            Assert.NotNull(c.QuietStart);
        });
        var calendar = new ContestFiles(TestResources.ContestFiles).Calendar;
        var quiet = calendar.PhasesAt(new DateTimeOffset(2024, 2, 12, 12, 0, 0, TimeSpan.FromHours(7)));
        var national = quiet.Where(p => p.Contest.Kind.IsNational()).ToList();
        Assert.Equal(["pemilu-2024", "pilpres-2024"], national.Select(p => p.Contest.Id).Order(StringComparer.Ordinal));
        Assert.All(national, p => Assert.Equal(ElectionPhaseKind.Quiet, p.Kind));
        // Bandung (32.73) on 25 Nov 2024: the Jawa Barat governor race in its quiet period, and no other province's.
        var jabar = Assert.Single(calendar.PhasesAt(new DateTimeOffset(2024, 11, 25, 12, 0, 0, TimeSpan.FromHours(7)), "32.73"));
        Assert.Equal(("pilkada-2024-jawa-barat", ElectionPhaseKind.Quiet), (jabar.Contest.Id, jabar.Kind));
    }
}
