using Microsoft.Extensions.Localization;
using SocialWatch.Core.Domain;

namespace SocialWatch.Web.Rendering;

/// <summary>
/// The "strongest features" of a verdict in the officer's words: what in the post matched ("the word «coblos»",
/// "a ballot number near an election word") rather than feature ids such as <c>lex:ballot_number+election</c>.
/// Words that carry no meaning of their own (particles, pronouns, conjunctions) are left out as reasons: a model
/// may lean on "ya" or "lupa", but an officer must not read them as why a post was flagged.
/// </summary>
public static class FeatureReasons
{
    // Function words of everyday Indonesian and chat spelling. Negations ("tidak", "jangan", "bukan"), numbers and
    // verbs of voting stay: they change what a post says.
    private static readonly HashSet<string> FunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ya", "yah", "yaa", "iya", "lah", "kah", "pun", "sih", "deh", "dong", "kok", "nih", "tuh", "loh", "lho", "kan", "ah", "eh", "oh",
        "yang", "yg", "dan", "dgn", "dengan", "di", "ke", "dari", "untuk", "utk", "buat", "pada", "dalam", "oleh", "atau", "juga", "jg",
        "ini", "itu", "tsb", "saja", "aja", "sudah", "udah", "sdh", "lagi", "lg", "akan", "mau", "bisa", "ada", "adalah", "karena", "krn",
        "aku", "saya", "sy", "kamu", "kau", "dia", "kita", "kami", "mereka", "gue", "gw", "lu", "lo", "nya", "si", "sang", "para",
        "lupa", "kalau", "kalo", "klo", "biar", "agar", "supaya", "tapi", "tp", "bahwa", "sama", "kayak", "kyk", "gitu", "gini", "wkwk", "wkwkwk",
    };

    private static readonly Dictionary<string, string> Things = new(StringComparer.Ordinal)
    {
        ["candidate"] = "a candidate's name", ["slogan"] = "a campaign slogan", ["hashtag"] = "a campaign hashtag", ["party"] = "a party",
        ["slur"] = "a camp slur", ["ballot_number"] = "a ballot number", ["finger_sign"] = "a finger sign",
        ["support"] = "a word of support", ["attack"] = "a word of attack", ["campaign"] = "a call to campaign",
    };

    private static readonly Dictionary<string, string> Contexts = new(StringComparer.Ordinal)
    {
        ["election"] = "near an election word", ["support"] = "near a word of support", ["attack"] = "near a word of attack",
        ["campaign"] = "near a call to campaign",
    };

    /// <summary>False for a word or its spelling that is only a function word.</summary>
    public static bool IsReason(Signal signal) => signal.Feature.Split(':', 2) switch
    {
        ["w" or "c", var word] => !FunctionWords.Contains(word),
        ["b", var pair] => !pair.Split(' ').All(FunctionWords.Contains),
        _ => true,
    };

    /// <summary>What the feature matched, in the reader's language.</summary>
    public static string Describe(Signal signal, IStringLocalizer text)
    {
        var parts = signal.Feature.Split(':', 2);
        return parts switch
        {
            ["w", var word] => text["the word «{0}»", word],
            ["b", var pair] => text["the phrase «{0}»", pair],
            ["c", var word] => text["the spelling of «{0}»", word],
            ["lex", var rest] => Lexicon(rest, text),
            _ => signal.Feature,
        };
    }

    private static string Lexicon(string rest, IStringLocalizer text)
    {
        var pieces = rest.Split('+', 2);
        var thing = Things.TryGetValue(pieces[0], out var what) ? text[what].Value : pieces[0];
        return pieces.Length == 2 && Contexts.TryGetValue(pieces[1], out var near) ? $"{thing} {text[near].Value}" : thing;
    }
}
