using System.Globalization;
using System.Text;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Tests;

/// <summary>
/// The normaliser and the classifier over 100,000 generated strings of the kinds real posts and broken input
/// contain (emoji with variation selectors and keycaps, ZWJ sequences, skin tones, combining marks, bidi controls,
/// lone surrogates, digits of every script, ballot words next to all of them) and two 10 MB posts: nothing throws,
/// and every explanation span lies inside the original text and is the text it claims to be.
/// </summary>
public sealed class FuzzTests
{
    private const int Count = 100_000;

    private static readonly string[] Words =
    [
        "coblos", "nomor", "no", "urut", "paslon", "capres", "jari", "pilih", "jangan", "menang", "pilkada", "tps", "amin",
        "#2019gantipresiden", "@budi", "https://x.co/a", "wkwk", "bgt", "gak", "p1l1h", "temen2", "Ma'ruf", "nomer", "hiji",
        "loro", "dua", "0", "00", "01", "02", "9", "10", "99", "100", "-", ".", ",", "!", "?", "\n", "\t", " ",
    ];

    /// <summary>Every decimal digit Unicode defines (each script's 0–9), from the BMP and beyond.</summary>
    private static readonly string[] Digits = Enumerable.Range(0, 0x110000)
        .Where(cp => cp is < 0xD800 or > 0xDFFF && CharUnicodeInfo.GetUnicodeCategory(cp) == UnicodeCategory.DecimalDigitNumber)
        .Select(char.ConvertFromUtf32)
        .ToArray();

    private static readonly string[] Specials =
    [
        "\uFE0F", "\uFE0E", "\u20E3", "\u200D", "\u200B", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E",
        "\u2066", "\u2067", "\u2068", "\u2069", "\u0301", "\u0308", "\u0336", "\u034F", "\uD800", "\uDBFF", "\uDC00", "\uDFFF",
        "\uFFFD", "\uFEFF", "\0", "☝️", "✌️", "🤟", "✊", "👆🏽", "🤟🏿", "0️⃣", "1️⃣", "2⃣", "#️⃣", "*️⃣", "🔟", "👨‍👩‍👧‍👦", "🏳️‍🌈",
        "🧑🏽‍💻", "🇮🇩", "🏴‍☠️", "☝\u200D", "✌\uFE0E", "𝐏𝐚𝐬𝐥𝐨𝐧", "ｎｏｍｏｒ２", "ⅱ", "②", "²", "½",
    ];

    [Fact]
    public void Nothing_throws_and_every_span_points_into_the_original_text()
    {
        var classifier = FixtureModel.Classifier();
        var random = new Random(20261203);
        for (var i = 0; i < Count; i++)
        {
            var text = Generate(random, random.Next(1, 40));
            AssertReadable(classifier, text, i);
        }
    }

    [Fact]
    public void Ten_megabyte_posts_are_read()
    {
        var classifier = FixtureModel.Classifier();
        var random = new Random(7);
        var mixed = new StringBuilder(10 * 1024 * 1024 + 100);
        while (mixed.Length < 10 * 1024 * 1024)
        {
            mixed.Append(Generate(random, 50));
        }
        AssertReadable(classifier, mixed.ToString(), -1);
        AssertReadable(classifier, string.Concat(Enumerable.Repeat("coblos nomor 2️⃣ ☝️ ", 10 * 1024 * 1024 / 20)), -2);
    }

    private static void AssertReadable(PostClassifier classifier, string text, int index)
    {
        var tokens = TestResources.Normalizer.Normalize(text);
        foreach (var token in tokens)
        {
            Assert.True(token.Start >= 0 && token.Length >= 0 && token.Start + token.Length <= text.Length, $"token span out of the text in case {index}");
        }
        var result = classifier.Classify(text);
        Assert.True(LabelNames.All.Contains(result.Label), $"case {index}");
        foreach (var signal in result.Signals.Where(s => s.Start >= 0))
        {
            Assert.True(signal.Start + signal.Length <= text.Length, $"signal {signal.Feature} out of the text in case {index}");
            Assert.Equal(text.Substring(signal.Start, signal.Length), signal.Text);
        }
    }

    private static string Generate(Random random, int parts)
    {
        var text = new StringBuilder();
        for (var p = 0; p < parts; p++)
        {
            text.Append(random.Next(6) switch
            {
                0 => Words[random.Next(Words.Length)],
                1 => Digits[random.Next(Digits.Length)],
                2 => Specials[random.Next(Specials.Length)],
                3 => RandomCodePoint(random),
                4 => (char)random.Next(0, 0x10000), // any UTF-16 unit, lone surrogates included
                _ => " ",
            });
        }
        return text.ToString();
    }

    private static string RandomCodePoint(Random random)
    {
        int cp;
        do
        {
            cp = random.Next(3) switch
            {
                0 => random.Next(0x20, 0x250),
                1 => random.Next(0x1F000, 0x1FB00),
                _ => random.Next(0, 0x110000),
            };
        }
        while (cp is >= 0xD800 and <= 0xDFFF);
        return char.ConvertFromUtf32(cp);
    }
}
