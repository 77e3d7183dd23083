using SocialWatch.Classifier.Text;

namespace SocialWatch.Classifier.Tests;

public class TextNormalizerTests
{
    private static string[] Texts(string input) => TestResources.Normalizer.Normalize(input).Select(t => t.Text).ToArray();

    [Fact]
    public void Folds_case_and_replaces_slang()
    {
        Assert.Equal(["saya", "tidak", "mau", "yang", "mana"], Texts("Gw GAK mau yg mana"));
    }

    [Fact]
    public void Keeps_ballot_number_patterns_and_hides_other_numbers()
    {
        Assert.Equal(["coblos", "nomor", "urut", "no3"], Texts("Coblos nomor urut 3!"));
        Assert.Equal(["paslon", "no1"], Texts("paslon 1"));
        Assert.Equal(["no", "no2"], Texts("no. 2"));
        Assert.Equal(["pendukung", "02"], Texts("pendukung 02"));
        Assert.Equal(["nomor", "urut", "no2"], Texts("nomor urut dua"));
        Assert.Equal(["no", "no2"], Texts("no2"));
        Assert.Equal(["antrean", "<num>", "orang"], Texts("antrean 125 orang"));
        Assert.Equal(["beli", "<num>", "kilogram"], Texts("beli 2 kg"));
    }

    [Fact]
    public void Urls_mentions_and_emoji_become_tokens()
    {
        Assert.Equal(["<user>", "cek", "<url>", "<jari2>", "<jari3>", "<jari1>", "<e1f525>"], Texts("@budi_88 cek https://x.co/a?b=1 ✌️ 🤟🏽 ☝ 🔥"));
    }

    [Fact]
    public void Squeezes_repeated_letters_and_laughter()
    {
        Assert.Equal(["mantap", "sekali", "wkwk", "haha"], Texts("mantaaaap bangeeeet wkwkwkwk hahahah"));
    }

    [Fact]
    public void Reads_a_reduplication_digit_as_the_repeated_word()
    {
        Assert.Equal(["teman", "teman", "kantor"], Texts("temen2 kantor"));
        Assert.Equal(Texts("teman-teman kantor"), Texts("temen2 kantor"));
    }

    [Fact]
    public void Joins_apostrophes_inside_words_and_keeps_the_span()
    {
        const string text = "Ma'ruf ke ka’bah hari Jum`at, 'rumah'";
        var tokens = TestResources.Normalizer.Normalize(text);
        Assert.Equal(["maruf", "ke", "kabah", "hari", "jumat", "rumah"], tokens.Select(t => t.Text));
        Assert.Equal("Ma'ruf", text.Substring(tokens[0].Start, tokens[0].Length));
        Assert.Equal("ka’bah", text.Substring(tokens[2].Start, tokens[2].Length));
    }

    [Fact]
    public void Decodes_alay_digits_for_letters()
    {
        Assert.Equal(["jangan", "pilih", "calon", "walikota"], Texts("j4ng4n p1l1h c4l0n w4l1k0t4"));
        Assert.Equal(["dia"], Texts("d14"));
    }

    [Fact]
    public void Leaves_numbers_that_are_not_alay_alone()
    {
        Assert.Equal(["no", "no1"], Texts("no1"));
        Assert.Equal(["<num>", "an"], Texts("17an"));
        Assert.Equal(["teman", "teman"], Texts("temen2"));
    }

    [Fact]
    public void Strips_a_clitic_from_an_unknown_word_whose_stem_is_known()
    {
        Assert.Equal(["capres", "kita"], Texts("capresnya kita"));
        Assert.Equal(["dukungan"], Texts("dukungannya"));
        Assert.Equal(["paslon"], Texts("paslonmu"));
    }

    [Fact]
    public void Splits_hashtags_by_camel_case_and_known_words()
    {
        var tokens = TestResources.Normalizer.Normalize("#TolakPolitikUang #2019gantipresiden");
        Assert.Equal(["#tolakpolitikuang", "tolak", "politik", "uang", "#2019gantipresiden", "<num>", "ganti", "presiden"], tokens.Select(t => t.Text));
        var politik = tokens[2];
        Assert.Equal("Politik", "#TolakPolitikUang #2019gantipresiden".Substring(politik.Start, politik.Length));
    }

    [Fact]
    public void Offsets_point_back_into_the_original_text()
    {
        const string text = "Ayo  coblos  𝐏𝐚𝐬𝐥𝐨𝐧 nomer 2 ✌️";
        var tokens = TestResources.Normalizer.Normalize(text);
        Assert.Equal(["ayo", "coblos", "paslon", "nomor", "no2", "<jari2>"], tokens.Select(t => t.Text));
        Assert.Equal(["Ayo", "coblos", "𝐏𝐚𝐬𝐥𝐨𝐧", "nomer", "2", "✌️"], tokens.Select(t => text.Substring(t.Start, t.Length)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("\ud800 broken \udc00 surrogates")]
    [InlineData("😀😀😀 🙏🏻👨‍👩‍👧")]
    [InlineData("1️⃣ 2️⃣")]
    public void Odd_input_never_throws_and_offsets_stay_inside_the_text(string text)
    {
        foreach (var token in TestResources.Normalizer.Normalize(text))
        {
            Assert.InRange(token.Start, 0, text.Length);
            Assert.InRange(token.End, token.Start, text.Length);
            Assert.NotEmpty(token.Text);
        }
    }

    [Fact]
    public void Keycap_after_a_marker_is_a_ballot_number()
    {
        Assert.Equal(["coblos", "no2"], Texts("coblos 2️⃣"));
    }

    [Fact]
    public void Keycap_zero_after_a_marker_is_not_a_ballot_number()
    {
        // Regression (issue 11): "nomor 0️⃣" became "no0", which no contest has, and the lexicon threw.
        Assert.Equal(["pilih", "nomor", "<keycap0>", "ya"], Texts("pilih nomor 0️⃣ ya"));
        Assert.DoesNotContain(FixtureModel.Classifier().Classify("pilih nomor 0️⃣ ya").Signals, s => s.Feature == "number:0");
    }
}
