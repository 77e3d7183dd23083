using SocialWatch.Classifier.Lexicon;

namespace SocialWatch.Classifier.Tests;

public class ContestLexiconTests
{
    private static List<EntityMatch> Entities(string text)
    {
        var matches = new LexiconMatches();
        TestResources.Lexicon.Match(TestResources.Normalizer.Normalize(text), matches);
        return matches.Entities;
    }

    [Fact]
    public void Loads_every_shipped_file()
    {
        Assert.True(TestResources.Lexicon.ContestCount >= 6);
        Assert.Contains(TestResources.ContestFiles, f => f.Parties.Count >= 18);
    }

    [Fact]
    public void Finds_the_pair_by_name_and_prefers_the_longest_alias()
    {
        var match = Assert.Single(Entities("Dukung Prabowo Subianto sampai menang"));
        Assert.Equal("pair:pilpres-2024/2", match.Entity.Key);
        Assert.Equal(2, match.TokenCount);
        Assert.Contains("nomor urut 02", match.Entity.Description);
    }

    [Fact]
    public void A_ballot_number_names_the_national_pair_unless_a_regional_pair_is_named()
    {
        Assert.Contains("Prabowo", Assert.Single(Entities("coblos no 2")).Entity.Description);
        var regional = Entities("Kang Dedi Mulyadi nomor 4 pasti menang");
        Assert.Contains(regional, e => e.Entity.Key == "number:4" && e.Entity.Description.Contains("Dedi Mulyadi – Erwan Setiawan"));
    }

    [Fact]
    public void Ambiguous_words_need_election_context()
    {
        Assert.Empty(Entities("Semoga lancar, aamiin"));
        Assert.Empty(Entities("Damai ✌️ sampai jumpa"));
        Assert.Contains(Entities("AMIN menang satu putaran, pemilu 2024"), e => e.Entity.Key == "pair:pilpres-2024/1");
        Assert.Contains(Entities("✌️ coblos yang ini ya di tps"), e => e.Entity.Key == "sign:2");
        Assert.Equal(["number:1", "sign:1"], Entities("01 lanjut! ☝️").Select(e => e.Entity.Key));
        Assert.Empty(Entities("jam 2 ketemu ya ☝️"));
    }

    [Fact]
    public void A_slur_that_is_also_a_curse_needs_election_context()
    {
        Assert.Empty(Entities("Kampret, laptop error lagi pas deadline"));
        Assert.Contains(Entities("dasar kampret, capres kalian kalah"), e => e.Entity.Key == "slur:kampret");
    }

    [Theory]
    [InlineData("@rudi_88 udah lah kampret, terima aja jagoan lu kalah")]
    [InlineData("Kampret, laptop error lagi pas deadline")]
    public void A_slur_that_is_also_a_curse_anchors_at_the_everyday_tier_without_election_context(string text)
    {
        // A camp slur in a reply with no election word is how real opposition reads (labelling guide); it is also a
        // curse, so it may flag only as confidently as an everyday word, and it adds no slur feature.
        var matches = new LexiconMatches();
        TestResources.Lexicon.Match(TestResources.Normalizer.Normalize(text), matches);
        Assert.Empty(matches.Entities);
        Assert.True(matches.HasUnsupportedSlur);
        Assert.Equal(PoliticalAnchor.Everyday, matches.Anchor);
    }

    [Theory]
    [InlineData("smoga pak Jokowi sehat, sampe dilantik kembali oktober nanti", "pair:pilpres-2019/1")]
    [InlineData("lengserkan Prabowo! janjinya ga ada yg jalan", "pair:pilpres-2024/2")]
    [InlineData("@x kampret makin panik, dilengserkan aja jagoannya", "slur:kampret")]
    public void An_ambiguous_name_or_slur_counts_next_to_a_support_or_attack_word(string text, string key)
    {
        Assert.Contains(Entities(text), e => e.Entity.Key == key);
    }

    [Theory]
    [InlineData("Jokowi naik motor ke pasar tadi pagi")]
    [InlineData("prabowo temen gw lanjut kuliah di Malang")]
    public void An_ambiguous_name_next_to_an_everyday_word_or_none_stays_out(string text)
    {
        Assert.Empty(Entities(text));
    }

    [Fact]
    public void Finds_hashtags_parties_and_slurs()
    {
        var entities = Entities("#GanjarPresidenRakyat dasar kadrun, partai banteng menang");
        Assert.Contains(entities, e => e.Entity.Kind == EntityKind.Hashtag && e.Entity.Key == "pair:pilpres-2024/3");
        Assert.Contains(entities, e => e.Entity.Key == "slur:kadrun");
        Assert.Contains(entities, e => e.Entity.Kind == EntityKind.Party && e.Entity.Description.StartsWith("PDI-P", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Makan bakso dulu ah, laper", PoliticalAnchor.None)]
    [InlineData("Presiden kok diam aja soal harga cabai", PoliticalAnchor.Everyday)]
    [InlineData("dukung terus timnas, jangan kalah", PoliticalAnchor.Everyday)]
    [InlineData("Golkar lagi ribut internal katanya", PoliticalAnchor.Everyday)]
    [InlineData("Presiden pilihan kita, coblos di TPS", PoliticalAnchor.Electoral)]
    [InlineData("pasang baliho di perempatan", PoliticalAnchor.Electoral)]
    [InlineData("coblos no 2", PoliticalAnchor.Electoral)]
    public void Anchor_separates_electoral_words_from_everyday_ones(string text, PoliticalAnchor expected)
    {
        var matches = new LexiconMatches();
        TestResources.Lexicon.Match(TestResources.Normalizer.Normalize(text), matches);
        Assert.Equal(expected, matches.Anchor);
    }

    [Theory]
    [InlineData("bakso enak #waluyoduaperiode", PoliticalAnchor.Electoral)]
    [InlineData("bakso enak #gantibupatimagetan", PoliticalAnchor.Electoral)]
    [InlineData("bakso enak #2024asalbukanwaluyo", PoliticalAnchor.Electoral)]
    [InlineData("bakso enak #tolakwaluyo", PoliticalAnchor.Everyday)]
    [InlineData("bakso enak #TolakWaluyo", PoliticalAnchor.Everyday)]
    [InlineData("bakso enak #bebaskelanjutanwaluyo", PoliticalAnchor.None)]
    [InlineData("bakso enak #waluyokuliner", PoliticalAnchor.None)]
    public void A_stance_phrase_at_the_edge_of_an_unsplit_hashtag_anchors_at_its_tier(string text, PoliticalAnchor expected)
    {
        // "waluyo" is in no contest file, so the lowercase tags cannot be split into known words; the camel-case one
        // is split and anchors through its "tolak" part. A stance word inside another word ("kelanjutan") is not one.
        var matches = new LexiconMatches();
        TestResources.Lexicon.Match(TestResources.Normalizer.Normalize(text), matches);
        Assert.Equal(expected, matches.Anchor);
    }

    [Fact]
    public void A_stance_phrase_read_inside_an_unsplit_hashtag_adds_no_context_match()
    {
        // The model was trained on the tokens the normaliser emits; the anchor must not change its features.
        var matches = new LexiconMatches();
        TestResources.Lexicon.Match(TestResources.Normalizer.Normalize("#waluyoduaperiode"), matches);
        Assert.Empty(matches.Contexts);
        Assert.Equal(PoliticalAnchor.Electoral, matches.AnchorWithoutMatch);
        matches.Clear();
        Assert.Equal(PoliticalAnchor.None, matches.AnchorWithoutMatch);
    }

    [Theory]
    [InlineData("KaMpReT2 pAdA bErIsIk, 01 tEtAp dI hAtI 😎 wkwk", PoliticalAnchor.Electoral)]
    [InlineData("lanjut terus pak, 01 di hati", PoliticalAnchor.Electoral)]
    [InlineData("lanjut makan dulu, ketemu tgl 06-06 ya", PoliticalAnchor.Everyday)]
    [InlineData("lanjut main game, id gw yusufk09", PoliticalAnchor.Everyday)]
    [InlineData("lanjut, ini sudah tanggal 05 juni", PoliticalAnchor.Everyday)]
    [InlineData("lanjut, ketemu 02 nopember ya", PoliticalAnchor.Everyday)]
    [InlineData("lanjut, deadline 03 sept", PoliticalAnchor.Everyday)]
    [InlineData("ketemu di kantin jam 02 ya", PoliticalAnchor.None)]
    public void A_bare_pair_number_beside_another_political_cue_anchors_electorally(string text, PoliticalAnchor expected)
    {
        // The cue (a slur used as a curse, an everyday word such as "lanjut") is too weak to make the number an
        // entity; together they are how the camps write. A number inside a date or glued to a handle is not one.
        var matches = new LexiconMatches();
        TestResources.Lexicon.Match(TestResources.Normalizer.Normalize(text), matches);
        Assert.Equal(expected, matches.Anchor);
        Assert.DoesNotContain(matches.Entities, e => e.Entity.Kind == EntityKind.BallotNumber);
    }

    [Theory]
    [InlineData("jangan pilih-pilih teman ya nak")]
    [InlineData("jgn pilih2 makanan")]
    public void A_reduplicated_context_word_is_not_the_context_word(string text)
    {
        var matches = new LexiconMatches();
        TestResources.Lexicon.Match(TestResources.Normalizer.Normalize(text), matches);
        Assert.Empty(matches.Contexts);
    }

    [Fact]
    public void A_repeated_phrase_that_is_not_reduplication_still_counts()
    {
        var matches = new LexiconMatches();
        TestResources.Lexicon.Match(TestResources.Normalizer.Normalize("jangan pilih dia, jangan pilih"), matches);
        Assert.Equal(2, matches.Contexts.Count(c => c.Kind == ContextKind.Attack));
    }

    [Fact]
    public void A_party_acronym_of_repeated_letters_is_not_squeezed_into_a_smiley()
    {
        Assert.Contains(Entities("PPP nomor 17"), e => e.Entity.Key == "party:pemilu-2024/ppp");
        Assert.Empty(Entities("ok siap, besok aja :p"));
    }

    [Fact]
    public void An_everyday_word_must_be_one_of_the_listed_context_words()
    {
        var directory = Directory.CreateTempSubdirectory("swlex");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "context.json"), """{ "contextWords": { "election": ["pemilu", "presiden"], "everyday": ["presiden", "arisan"] } }""");
            var error = Assert.Throws<ContestFileException>(() => LexiconFile.LoadDirectory(directory.FullName));
            Assert.Contains("context.json", error.Message);
            Assert.Contains("arisan", error.Message);
            Assert.DoesNotContain("presiden", error.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_broken_file_is_reported_by_name()
    {
        var directory = Directory.CreateTempSubdirectory("swlex");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "broken.json"), """{ "contests": [ { "id": "x", "name": "X", "pairs": [ { "number": 0, "name": "A" } ] } ] }""");
            var error = Assert.Throws<ContestFileException>(() => LexiconFile.LoadDirectory(directory.FullName));
            Assert.Contains("broken.json", error.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
