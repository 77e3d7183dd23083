using SocialWatch.Classifier.Text;

namespace SocialWatch.Classifier.Lexicon;

/// <summary>
/// A person the post names whom no contest file knows: a form of address ("Pak", "Bu", "Gus", "Daeng", "Tgk.") or
/// a context word ("kaos", "posko", "dukung"; any tier, so the model's features do not move when an admin changes
/// a word's tier) followed directly by a capitalised word — "tim Pak
/// Rozali", "kaos relawan Sudiarta". Posts for local candidates rarely name the election, and no deployment's contest
/// files list every candidate of every village, so such a post may be about someone running: it is flagged at
/// <c>Classifier:NamedPersonAnchorThreshold</c>, between the electoral tier and the everyday tier
/// (docs/classifier.md, "Decision").
/// </summary>
public static class NamedPersonCue
{
    /// <summary>Normalised forms of address for adults in public life, across the regions (not "om", "kak": everyday chat).</summary>
    private static readonly HashSet<string> FormsOfAddress = new(StringComparer.Ordinal)
    {
        "bapak", "ibu", "pak", "bu", "gus", "haji", "hajah", "daeng", "mbak", "mas", "abang", "bang", "ngab", "kang",
        "akang", "aa", "teh", "cak", "ning", "uda", "uni", "ajo", "tgk", "teungku", "datuk", "abah", "umi", "ompung",
        "opung", "amang", "inang", "ustadz", "ustaz", "kyai", "kiai", "bung", "puang", "andi", "karaeng", "raden",
    };

    /// <summary>Abbreviated titles as written, the only words a dot may follow before the name ("Tgk. Muslem", "Hj. Fatimah").</summary>
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "tgk", "hj", "h", "bpk", "ust", "kh", "dr", "drs", "ir",
    };

    /// <summary>The index of the first name token so introduced, or -1 when the post names nobody that way.</summary>
    public static int Find(string text, IReadOnlyList<Token> tokens, LexiconMatches matches)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            // The title-case test first: few tokens are followed by one, and it spares the set lookups and the
            // scan of context words for all the others (every test here is pure, so the order does not change the answer).
            var name = tokens[i + 1];
            if (!IsTitleCaseWord(text, name))
            {
                continue;
            }
            var abbreviation = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.AsSpan(tokens[i].Start, tokens[i].Length));
            if ((abbreviation || IntroducesName(tokens, matches, i)) && IsRightAfter(text, tokens[i], name, abbreviation))
            {
                return i + 1;
            }
        }
        return -1;
    }

    private static bool IntroducesName(IReadOnlyList<Token> tokens, LexiconMatches matches, int index)
    {
        if (FormsOfAddress.Contains(tokens[index].Text))
        {
            return true;
        }
        foreach (var context in matches.Contexts)
        {
            if (context.FirstToken + context.TokenCount - 1 == index)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// One space (after an abbreviation, a dot and a space) before a word in title case (<see cref="IsTitleCaseWord"/>):
    /// "Pak Sugeng", not "pak [USERNAME]", "Bapak yang", the next sentence ("ibu. Adalah", "bapak? Tapi") or a
    /// shouted "BU RT".
    /// </summary>
    private static bool IsRightAfter(string text, Token introducer, Token name, bool abbreviation)
    {
        var gap = text.AsSpan(introducer.End, Math.Max(0, name.Start - introducer.End));
        return gap is " " || (abbreviation && gap is ". ");
    }

    private static bool IsTitleCaseWord(string text, Token name) =>
        name.Kind == TokenKind.Word
        && name.Length > 1
        && char.IsUpper(text[name.Start])
        && char.IsLower(text[name.Start + 1]);
}
