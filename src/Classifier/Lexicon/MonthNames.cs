namespace SocialWatch.Classifier.Lexicon;

/// <summary>
/// Month names in lower case, Indonesian and English, with the usual short forms and the older spellings
/// ("pebruari", "nopember"); not the English "may", an everyday word in English posts. The shipped slang table
/// already rewrites some short forms ("jan", "nov"); they stay listed for a model whose table does not. One list
/// serves the vote-day cue (which month a post names) and the number rule (a number beside a month is a date).
/// </summary>
internal static class MonthNames
{
    /// <summary>Every name with its month (1–12).</summary>
    public static readonly IReadOnlyList<(string Name, int Month)> All =
    [
        ("januari", 1), ("january", 1), ("jan", 1), ("februari", 2), ("pebruari", 2), ("february", 2), ("feb", 2),
        ("maret", 3), ("march", 3), ("mar", 3), ("april", 4), ("apr", 4), ("mei", 5), ("juni", 6), ("june", 6),
        ("jun", 6), ("juli", 7), ("july", 7), ("jul", 7), ("agustus", 8), ("august", 8), ("agu", 8), ("agt", 8),
        ("september", 9), ("sept", 9), ("sep", 9), ("oktober", 10), ("october", 10), ("okt", 10), ("november", 11),
        ("nopember", 11), ("nov", 11), ("desember", 12), ("december", 12), ("des", 12),
    ];
}
