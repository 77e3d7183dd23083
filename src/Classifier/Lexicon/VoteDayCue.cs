using System.Collections.Frozen;
using System.Globalization;
using SocialWatch.Classifier.Text;

namespace SocialWatch.Classifier.Lexicon;

/// <summary>Where a post names a vote day: tokens [FirstToken, FirstToken + TokenCount), and which contests vote then.</summary>
/// <param name="Key">The month as normalised ("april") or the day ("tanggal 27"), for the explanation's feature name.</param>
public readonly record struct VoteDayMention(int FirstToken, int TokenCount, string Key, string Description);

/// <summary>
/// A mention of the day a loaded contest votes: its month by name ("17 April", "april kita ganti", "bulan november")
/// or "tanggal / tgl N" with its day ("tgl 27 jangan ragu, tetap yg lama"). Campaign talk points at the vote day
/// with no other election word ("cukup sekali aja ya pak, april kita ganti"), while everyday posts name months all
/// the time, so such a post has no electoral anchor: it may be flagged at <c>Classifier:VoteDayAnchorThreshold</c>,
/// like a named person (docs/classifier.md, "Decision"). The days come from the contest files' <c>voteDate</c>, so a
/// new election needs no code. No feature: the model reads the post as it was trained.
/// </summary>
public sealed class VoteDayCue
{
    /// <summary>Per month (1–12), its name in the reviewer's descriptions (no culture data needed).</summary>
    private static readonly string[] IndonesianMonth =
        ["", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    private static readonly FrozenSet<string> DayWords = FrozenSet.Create(StringComparer.Ordinal, "tanggal", "tgl", "tg");

    private readonly FrozenDictionary<string, string> descriptionByMonthName;
    private readonly FrozenDictionary<int, string> descriptionByDay;

    public VoteDayCue(IEnumerable<ContestEntry> contests)
    {
        var voteDates = contests
            .Where(c => c.VoteDate is not null)
            .GroupBy(c => c.VoteDate!.Value)
            .OrderBy(g => g.Key)
            .Select(g => (Date: g.Key, Contests: g.Select(c => c.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .ToList();
        descriptionByMonthName = MonthNames.All
            .Select(m => (m.Name, Dates: voteDates.Where(d => d.Date.Month == m.Month).ToList()))
            .Where(m => m.Dates.Count > 0)
            .ToFrozenDictionary(m => m.Name, m => Describe("bulan", m.Dates), StringComparer.Ordinal);
        descriptionByDay = voteDates
            .GroupBy(d => d.Date.Day)
            .ToFrozenDictionary(g => g.Key, g => Describe("tanggal", [.. g]));
    }

    /// <summary>The first vote-day mention in <paramref name="tokens"/> of <paramref name="text"/>, or null.</summary>
    public VoteDayMention? Find(string text, IReadOnlyList<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Word && descriptionByMonthName.TryGetValue(token.Text, out var month))
            {
                return new VoteDayMention(i, 1, token.Text, month);
            }
            // "tgl 27": the day as written (numbers reach the lexicon normalised), one or two digits.
            if (token.Kind == TokenKind.Word && DayWords.Contains(token.Text) && i + 1 < tokens.Count
                && tokens[i + 1] is { Kind: TokenKind.Number or TokenKind.BallotNumber, Length: 1 or 2 } day
                && int.TryParse(text.AsSpan(day.Start, day.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && descriptionByDay.TryGetValue(number, out var onDay))
            {
                return new VoteDayMention(i, 2, string.Create(CultureInfo.InvariantCulture, $"tanggal {number}"), onDay);
            }
        }
        return null;
    }

    private static string Describe(string unit, IReadOnlyList<(DateOnly Date, List<string> Contests)> dates) =>
        $"{unit} pemungutan suara ({string.Join("; ", dates.Select(d => $"{d.Date.Day} {IndonesianMonth[d.Date.Month]} {d.Date.Year}: {Contests(d.Contests)}"))}): periksa apakah tentang pemilihan";

    private static string Contests(List<string> names) =>
        names.Count <= 2 ? string.Join(", ", names) : $"{names[0]} dan {names.Count - 1} kontestasi lain";
}
