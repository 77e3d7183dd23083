using System.Collections.Frozen;
using System.Globalization;
using SocialWatch.Classifier.Text;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Lexicon;

public enum EntityKind
{
    Candidate,
    Slogan,
    Hashtag,
    Party,
    Slur,
    BallotNumber,
    FingerSign,
}

[Flags]
public enum ContextKind
{
    None = 0,
    Election = 1,
    Support = 2,
    Attack = 4,
    Campaign = 8,
}

/// <summary>Something the lexicon knows: a pair's alias or slogan, a party, a slur, a ballot number or finger sign.</summary>
/// <param name="Key">Stable key for explanations, e.g. "pair:pilpres-2024/2", "party:pemilu-2024/gerindra", "slur:cebong".</param>
/// <param name="Description">For the reviewer, e.g. "Prabowo Subianto – Gibran Rakabuming Raka, nomor urut 02, Pilpres 2024".</param>
/// <param name="Ambiguous">Also an everyday word: counts only near an election word or another entity.</param>
public sealed record LexiconEntity(string Key, EntityKind Kind, string Description, bool Ambiguous, string? ContestId = null, int Number = 0)
{
    /// <summary>
    /// For a name two contests' pairs share ("Key" = "shared:&lt;name&gt;"): each contest's reading of it. Which one
    /// is meant is settled by the account's region (<see cref="ContestLexicon.Resolve"/>), never by file order.
    /// </summary>
    public IReadOnlyList<LexiconEntity> Alternatives { get; init; } = [];
}

/// <summary>An entity found at tokens [FirstToken, FirstToken + TokenCount).</summary>
public readonly record struct EntityMatch(LexiconEntity Entity, int FirstToken, int TokenCount)
{
    public int EndToken => FirstToken + TokenCount;
}

/// <summary>A context word or phrase found at tokens [FirstToken, FirstToken + TokenCount).</summary>
/// <param name="Everyday">Also an everyday word ("presiden", "dukung", "kaos"): see <see cref="ContextWords.Everyday"/>.</param>
public readonly record struct ContextMatch(ContextKind Kind, int FirstToken, int TokenCount, bool Everyday = false);

/// <summary>How strongly a post is tied to an election, which decides whether and how easily it may be flagged.</summary>
public enum PoliticalAnchor
{
    /// <summary>Nothing electoral: never flagged.</summary>
    None,
    /// <summary>Only words that everyday talk uses too (office titles, "dukung", "tolak") or a party name: flagged only with high confidence.</summary>
    Everyday,
    /// <summary>An election word, a campaign word, a candidate, slogan, hashtag, slur, ballot number or finger sign.</summary>
    Electoral,
}

/// <summary>Reusable per-call buffers for <see cref="ContestLexicon.Match"/>.</summary>
public sealed class LexiconMatches
{
    /// <summary>In token order (by <see cref="EntityMatch.FirstToken"/>).</summary>
    public List<EntityMatch> Entities { get; } = [];

    /// <summary>In token order, at most one per token.</summary>
    public List<ContextMatch> Contexts { get; } = [];

    /// <summary>The most tokens any entity or context match spans: bounds the searches for "near" matches.</summary>
    public int LongestMatch { get; private set; }

    /// <summary>
    /// A camp slur that is also a curse ("kampret") found without an election word near it: not an entity (no
    /// features), but the post is tied to politics at the everyday tier, since the guide counts slurs aimed at a
    /// camp as opposition even in replies with no election word.
    /// </summary>
    public bool HasUnsupportedSlur { get; private set; }

    /// <summary>
    /// The anchor of signals that add no match, and so no feature (the model reads the post as it was trained): a
    /// support or attack phrase inside a hashtag the normaliser could not split ("#tolakwaluyo": the name is
    /// unknown) at the phrase's tier, and a bare pair number ("02") beside another political cue, electoral.
    /// </summary>
    public PoliticalAnchor AnchorWithoutMatch { get; private set; }

    /// <summary>
    /// The first pair-style number ("02") that stands alone (not a date, time or address) in a post with no other
    /// political cue: no anchor and no feature, but a weak cue the classifier may flag on with high confidence
    /// (Classifier:LoneNumberAnchorThreshold), since "ogah bgt 02" is how the camps write their pairs.
    /// </summary>
    public EntityMatch? LoneNumber { get; private set; }

    public void Clear()
    {
        Entities.Clear();
        Contexts.Clear();
        LongestMatch = 0;
        HasUnsupportedSlur = false;
        AnchorWithoutMatch = PoliticalAnchor.None;
        LoneNumber = null;
    }

    public void MarkUnsupportedSlur() => HasUnsupportedSlur = true;

    public void MarkLoneNumber(EntityMatch number) => LoneNumber = number;

    public void RaiseAnchorWithoutMatch(PoliticalAnchor tier) => AnchorWithoutMatch = (PoliticalAnchor)Math.Max((int)AnchorWithoutMatch, (int)tier);

    public void Add(EntityMatch match)
    {
        Entities.Add(match);
        LongestMatch = Math.Max(LongestMatch, match.TokenCount);
    }

    public void Add(ContextMatch match)
    {
        Contexts.Add(match);
        LongestMatch = Math.Max(LongestMatch, match.TokenCount);
    }

    /// <summary>
    /// A party name alone is political, not electoral: commentary on a party's conduct needs electoral framing to
    /// be a flag (labelling guide, "oppose"), so it counts like an everyday word.
    /// </summary>
    public PoliticalAnchor Anchor
    {
        get
        {
            var anchor = AnchorWithoutMatch;
            if (anchor == PoliticalAnchor.Electoral)
            {
                return anchor;
            }
            foreach (var entity in Entities)
            {
                if (entity.Entity.Kind != EntityKind.Party)
                {
                    return PoliticalAnchor.Electoral;
                }
                anchor = PoliticalAnchor.Everyday;
            }
            foreach (var context in Contexts)
            {
                if (!context.Everyday)
                {
                    return PoliticalAnchor.Electoral;
                }
                anchor = PoliticalAnchor.Everyday;
            }
            return HasUnsupportedSlur ? PoliticalAnchor.Everyday : anchor;
        }
    }
}

/// <summary>
/// The contest lexicon compiled for matching normalised tokens. Built from the JSON files of the configured
/// directory, so a new region or period is a new file, not new code. Thread-safe after construction.
/// </summary>
public sealed class ContestLexicon
{
    /// <summary>Tokens either side of a name, number or sign within which a context word counts as "near".</summary>
    public const int NearWindow = 5;

    /// <summary>Shorter stance words ("pro") begin or end too many unrelated words to be read inside a hashtag.</summary>
    private const int MinStanceLettersInHashtag = 4;

    private sealed record Phrase(string[] Tokens, LexiconEntity? Entity, ContextKind Context, bool Everyday = false);

    private readonly FrozenDictionary<string, Phrase[]> phrasesByFirstToken;
    private readonly Dictionary<int, (ContestEntry Contest, PairEntry Pair)> defaultPairsByNumber;
    private readonly Dictionary<string, ContestEntry> contestsById;
    private readonly Dictionary<int, LexiconEntity> numberEntities;
    private readonly Dictionary<int, LexiconEntity> signEntities;

    /// <summary>Support and attack phrases as a hashtag writes them ("tolak", "duaperiode", "asalbukan"), longest first, with their tier.</summary>
    private readonly (string Letters, bool Everyday)[] stancePhrasesAsHashtagText;

    /// <summary>Normalised region aliases ("jabar", "jawa barat") by first token, with the regional contests they name.</summary>
    private readonly FrozenDictionary<string, (string[] Tokens, string[] ContestIds)[]> regionAliasesByFirstToken;

    /// <summary>Words a number beside which is a date, a time, a day of a series or an address, not a pair.</summary>
    private static readonly FrozenSet<string> CalendarWords = MonthNames.All.Select(m => m.Name)
        .Concat(["tanggal", "tgl", "jam", "pukul", "day", "hari", "rt", "rw", "kamar", "lantai", "blok"])
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that put a post in a regional contest ("pilkada", "pilgub", "cagub", "bupati"): a bare number there is not a presidential pair.</summary>
    private static readonly FrozenSet<string> RegionalWords = FrozenSet.Create(StringComparer.Ordinal,
        "pilkada", "pilgub", "pilbup", "pilwalkot", "cagub", "cawagub", "cabup", "cawabup", "cawalkot", "cawawalkot",
        "gubernur", "wagub", "bupati", "wabup", "walikota");

    public ContestLexicon(IReadOnlyList<LexiconFile> files, TextNormalizer normalizer)
    {
        var phrases = new List<Phrase>();
        contestsById = new Dictionary<string, ContestEntry>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var contest in file.Contests)
            {
                contestsById[contest.Id] = contest;
                foreach (var pair in contest.Pairs)
                {
                    var entity = new LexiconEntity($"pair:{contest.Id}/{pair.Number}", EntityKind.Candidate, DescribePair(contest, pair), false, contest.Id, pair.Number);
                    var ambiguous = NormalizedSet(pair.Ambiguous, normalizer);
                    foreach (var alias in pair.Aliases.Concat([pair.Name]))
                    {
                        AddPhrase(phrases, normalizer, alias, entity, ambiguous);
                    }
                    var slogan = entity with { Kind = EntityKind.Slogan };
                    foreach (var text in pair.Slogans)
                    {
                        AddPhrase(phrases, normalizer, text, slogan, ambiguous);
                    }
                    var hashtag = entity with { Kind = EntityKind.Hashtag };
                    foreach (var tag in pair.Hashtags)
                    {
                        phrases.Add(new Phrase(["#" + tag.TrimStart('#').ToLowerInvariant()], hashtag, ContextKind.None));
                    }
                }
            }
            foreach (var party in file.Parties)
            {
                var id = party.Name.ToLowerInvariant().Replace(' ', '-');
                var description = party.Number > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{party.Name}, nomor urut partai {party.Number}{(party.Election.Length > 0 ? $" ({party.Election})" : "")}")
                    : party.Name;
                var entity = new LexiconEntity($"party:{(party.Election.Length > 0 ? party.Election + "/" : "")}{id}", EntityKind.Party, description, false, null, party.Number);
                var ambiguous = NormalizedSet(party.Ambiguous, normalizer);
                foreach (var alias in party.Aliases.Concat([party.Name]))
                {
                    AddPhrase(phrases, normalizer, alias, entity, ambiguous);
                }
            }
            foreach (var slur in file.Slurs)
            {
                var entity = new LexiconEntity($"slur:{slur.Term.ToLowerInvariant()}", EntityKind.Slur, $"{slur.Term}: {slur.Meaning}", false);
                var ambiguous = NormalizedSet(slur.Ambiguous, normalizer);
                foreach (var term in slur.Variants.Concat([slur.Term]))
                {
                    AddPhrase(phrases, normalizer, term, entity, ambiguous);
                }
            }
            if (file.ContextWords is { } context)
            {
                var everyday = NormalizedSet(context.Everyday, normalizer);
                AddContext(phrases, normalizer, context.Election, ContextKind.Election, everyday);
                AddContext(phrases, normalizer, context.Support, ContextKind.Support, everyday);
                AddContext(phrases, normalizer, context.Attack, ContextKind.Attack, everyday);
                AddContext(phrases, normalizer, context.Campaign, ContextKind.Campaign, everyday);
            }
        }

        stancePhrasesAsHashtagText = [.. phrases
            .Where(p => p.Entity is null && (p.Context & (ContextKind.Support | ContextKind.Attack)) != 0)
            .Select(p => (Letters: string.Concat(p.Tokens), p.Everyday))
            .Where(p => p.Letters.Length >= MinStanceLettersInHashtag && p.Letters.All(char.IsAsciiLetterLower))
            .GroupBy(p => p.Letters, StringComparer.Ordinal)
            .Select(g => (g.Key, g.All(p => p.Everyday)))
            .OrderByDescending(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal)];
        phrases = MergeSharedNames(phrases);
        regionAliasesByFirstToken = files.SelectMany(f => f.Contests)
            .SelectMany(c => c.RegionAliases.Select(alias => (Tokens: normalizer.Normalize(alias).Select(t => t.Text).ToArray(), c.Id)))
            .Where(a => a.Tokens.Length > 0)
            .GroupBy(a => string.Join(' ', a.Tokens), StringComparer.Ordinal)
            .Select(g => (g.First().Tokens, ContestIds: g.Select(a => a.Id).Distinct(StringComparer.Ordinal).ToArray()))
            .GroupBy(a => a.Tokens[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(a => a.Tokens.Length).ToArray(), StringComparer.Ordinal);

        // Longest phrase first, so "anies baswedan" wins over "anies"; ties keep file order (deterministic).
        phrasesByFirstToken = phrases
            .GroupBy(p => p.Tokens[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(p => p.Tokens.Length).ToArray(), StringComparer.Ordinal);

        // A bare number or finger sign refers to the latest national contest unless the post names another.
        defaultPairsByNumber = files.SelectMany(f => f.Contests)
            .Where(c => c.ContestKind == ContestKind.Pilpres)
            .OrderByDescending(c => c.VoteDate ?? DateOnly.MinValue)
            .Take(1)
            .SelectMany(c => c.Pairs.Select(p => (Contest: c, Pair: p)))
            .ToDictionary(x => x.Pair.Number, x => x);
        numberEntities = Enumerable.Range(1, 99).ToDictionary(n => n, n => DescribeDefault(
            new LexiconEntity(string.Create(CultureInfo.InvariantCulture, $"number:{n}"), EntityKind.BallotNumber, "", false, null, n)));
        signEntities = Enumerable.Range(1, 3).ToDictionary(n => n, n => DescribeDefault(
            new LexiconEntity(string.Create(CultureInfo.InvariantCulture, $"sign:{n}"), EntityKind.FingerSign, "", true, null, n)));
        ContestCount = contestsById.Count;
        PhraseCount = phrases.Count;
        VoteDays = new VoteDayCue(contestsById.Values);
    }

    /// <summary>Mentions of the loaded contests' vote days (<see cref="VoteDayCue"/>).</summary>
    public VoteDayCue VoteDays { get; }

    public int ContestCount { get; }

    public int PhraseCount { get; }

    /// <summary>Every word of every phrase, for the normaliser's vocabulary (hashtag splitting).</summary>
    public static IEnumerable<string> WordsOf(IEnumerable<LexiconFile> files)
    {
        static IEnumerable<string> Split(string phrase) => phrase.ToLowerInvariant().Split([' ', '-', '–', '.', '\''], StringSplitOptions.RemoveEmptyEntries);
        foreach (var file in files)
        {
            var texts = file.Contests.SelectMany(c => c.Pairs).SelectMany(p => p.Aliases.Concat(p.Slogans).Append(p.Name))
                .Concat(file.Parties.SelectMany(p => p.Aliases.Append(p.Name)))
                .Concat(file.Slurs.SelectMany(s => s.Variants.Append(s.Term)))
                .Concat(file.ContextWords is { } c ? c.Election.Concat(c.Support).Concat(c.Attack).Concat(c.Campaign) : []);
            foreach (var word in texts.SelectMany(Split))
            {
                yield return word;
            }
        }
    }

    /// <summary>
    /// One phrase per name: when pairs of different contests share a name (two regions' candidates called "Ahmad
    /// Ali"), the name becomes one entity that keeps every reading as an alternative and says it is ambiguous,
    /// instead of the first file silently winning. Its kind and ambiguity are those of the readings, so the
    /// model's features do not change.
    /// </summary>
    private static List<Phrase> MergeSharedNames(List<Phrase> phrases)
    {
        var merged = new List<Phrase>(phrases.Count);
        foreach (var group in phrases.GroupBy(p => (p.Entity is null ? null : string.Join(' ', p.Tokens), p.Entity?.Kind)))
        {
            var readings = group.Where(p => p.Entity?.ContestId is not null).ToList();
            var contests = readings.Select(p => p.Entity!.ContestId).Distinct(StringComparer.Ordinal).Count();
            if (group.Key.Item1 is null || contests < 2)
            {
                merged.AddRange(group);
                continue;
            }
            var alternatives = readings.Select(p => p.Entity!).DistinctBy(e => e.Key).ToList();
            var shared = new LexiconEntity($"shared:{group.Key.Item1}", alternatives[0].Kind,
                $"ambiguous: {string.Join("; or ", alternatives.Select(a => a.Description))}", alternatives.Exists(a => a.Ambiguous))
            {
                Alternatives = alternatives,
            };
            merged.Add(readings[0] with { Entity = shared });
            merged.AddRange(group.Where(p => p.Entity?.ContestId is null));
        }
        return merged;
    }

    /// <summary>
    /// Settles what the post's region decides, for the explanation (features are not touched): a shared name goes
    /// to the one reading whose contest covers <paramref name="regionCode"/>; with no region, or none or several
    /// covering it, it stays ambiguous and says why. Numbers are then described by the contest now named.
    /// </summary>
    public void Resolve(IReadOnlyList<Token> tokens, LexiconMatches matches, string? regionCode)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(matches);
        var entities = matches.Entities;
        var changed = false;
        for (var i = 0; i < entities.Count; i++)
        {
            var entity = entities[i].Entity;
            if (entity.Alternatives.Count == 0)
            {
                continue;
            }
            var covering = regionCode is null ? [] : entity.Alternatives.Where(a => Covers(a.ContestId, regionCode)).ToList();
            entities[i] = entities[i] with
            {
                Entity = covering.Count == 1
                    ? covering[0]
                    : entity with { Description = regionCode is null
                        ? $"{entity.Description} (the account's region is unknown)"
                        : $"{entity.Description} ({(covering.Count == 0 ? "none" : "several")} in the account's region {regionCode})" },
            };
            changed = true;
        }
        if (changed || regionCode is not null)
        {
            DescribeNumbersByNamedContest(tokens, matches, regionCode);
        }
    }

    private bool Covers(string? contestId, string regionCode) =>
        contestId is not null && contestsById.TryGetValue(contestId, out var contest)
        && (contest.RegionCode.Length == 0 || regionCode == contest.RegionCode || regionCode.StartsWith(contest.RegionCode + ".", StringComparison.Ordinal));

    private static string DescribePair(ContestEntry contest, PairEntry pair) =>
        string.Create(CultureInfo.InvariantCulture, $"{pair.Name}, nomor urut {pair.Number:00}, {contest.Name}");

    /// <summary>Ambiguous entries compared in normalised form, so a variant the slang table folds into one ("kampreter" → "kampret") is ambiguous too.</summary>
    private static HashSet<string> NormalizedSet(IEnumerable<string> texts, TextNormalizer normalizer) =>
        texts.Select(t => string.Join(' ', normalizer.Normalize(t).Select(token => token.Text))).ToHashSet(StringComparer.Ordinal);

    private static void AddPhrase(List<Phrase> phrases, TextNormalizer normalizer, string text, LexiconEntity entity, HashSet<string> ambiguous)
    {
        var tokens = normalizer.Normalize(text).Select(t => t.Text).ToArray();
        if (tokens.Length > 0)
        {
            phrases.Add(new Phrase(tokens, ambiguous.Contains(string.Join(' ', tokens)) ? entity with { Ambiguous = true } : entity, ContextKind.None));
        }
    }

    private static void AddContext(List<Phrase> phrases, TextNormalizer normalizer, IEnumerable<string> words, ContextKind kind, HashSet<string> everyday)
    {
        foreach (var word in words)
        {
            var tokens = normalizer.Normalize(word).Select(t => t.Text).ToArray();
            if (tokens.Length > 0)
            {
                phrases.Add(new Phrase(tokens, null, kind, everyday.Contains(string.Join(' ', tokens))));
            }
        }
    }

    /// <summary>
    /// Finds entities and context words in <paramref name="tokens"/>. Ambiguous entities and finger signs are
    /// kept only when an election word, a support / attack / campaign word that everyday talk does not use
    /// ("menang lagi", "lengserkan", "posko"), or an unambiguous entity is within <see cref="NearWindow"/> tokens.
    /// </summary>
    public void Match(IReadOnlyList<Token> tokens, LexiconMatches output)
    {
        output.Clear();
        var entities = output.Entities;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.BallotNumber)
            {
                // "no2" came after a ballot marker; a bare "02" could be a time or a date, so it needs context.
                var marked = token.Text.StartsWith("no", StringComparison.Ordinal);
                var number = NumberEntity(ParseNumber(token.Text, marked ? 2 : 0));
                output.Add(new EntityMatch(marked ? number : number with { Ambiguous = true }, i, 1));
                continue;
            }
            if (token.Kind == TokenKind.Emoji && token.Text.StartsWith("<jari", StringComparison.Ordinal))
            {
                output.Add(new EntityMatch(SignEntity(token.Text[5] - '0'), i, 1));
                continue;
            }
            if (!phrasesByFirstToken.TryGetValue(token.Text, out var candidates))
            {
                continue;
            }
            var matchedEntity = false;
            var matchedContext = false;
            foreach (var phrase in candidates)
            {
                if ((phrase.Entity is null ? matchedContext : matchedEntity) || !MatchesAt(tokens, i, phrase.Tokens)
                    || (phrase.Entity is null && IsReduplicated(tokens, i, phrase.Tokens)))
                {
                    continue;
                }
                if (phrase.Entity is { } entity)
                {
                    output.Add(new EntityMatch(entity, i, phrase.Tokens.Length));
                    matchedEntity = true;
                }
                else
                {
                    output.Add(new ContextMatch(phrase.Context, i, phrase.Tokens.Length, phrase.Everyday));
                    matchedContext = true;
                }
            }
        }
        DropUnsupportedAmbiguous(tokens, output);
        DescribeNumbersByNamedContest(tokens, output, regionCode: null);
        MarkStanceInUnsplitHashtags(tokens, output);
    }

    /// <summary>
    /// A hashtag whose parts the normaliser split into words is matched through those words ("#TolakWaluyo" →
    /// "tolak"). One with no stance word among its parts (a lowercase tag around a name nobody listed, which the
    /// normaliser cannot split: "#tolakwaluyo", "#gantibupatimagetan") is read here: a support or attack phrase that
    /// begins or ends one of its letter runs anchors the post at the phrase's tier.
    /// </summary>
    private void MarkStanceInUnsplitHashtags(IReadOnlyList<Token> tokens, LexiconMatches output)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var hashtag = tokens[i];
            if (hashtag.Kind != TokenKind.Hashtag || HasStanceWordInside(tokens, output, hashtag))
            {
                continue;
            }
            var text = hashtag.Text.AsSpan(1);
            for (var start = 0; start < text.Length;)
            {
                var length = 0;
                while (start + length < text.Length && char.IsAsciiLetterLower(text[start + length]))
                {
                    length++;
                }
                if (length > 0 && StanceAtEdge(text.Slice(start, length)) is { } everyday)
                {
                    output.RaiseAnchorWithoutMatch(everyday ? PoliticalAnchor.Everyday : PoliticalAnchor.Electoral);
                }
                start += Math.Max(length, 1);
            }
        }
    }

    private static bool HasStanceWordInside(IReadOnlyList<Token> tokens, LexiconMatches output, Token hashtag)
    {
        foreach (var context in output.Contexts)
        {
            var part = tokens[context.FirstToken];
            if ((context.Kind & (ContextKind.Support | ContextKind.Attack)) != 0 && part.Kind != TokenKind.Hashtag
                && hashtag.Start <= part.Start && part.End <= hashtag.End)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The tier (true = everyday) of the longest stance phrase that begins or ends <paramref name="run"/> and is not all of it.</summary>
    private bool? StanceAtEdge(ReadOnlySpan<char> run)
    {
        foreach (var (letters, everyday) in stancePhrasesAsHashtagText)
        {
            if (run.Length > letters.Length && (run.StartsWith(letters, StringComparison.Ordinal) || run.EndsWith(letters, StringComparison.Ordinal)))
            {
                return everyday;
            }
        }
        return null;
    }

    private static bool MatchesAt(IReadOnlyList<Token> tokens, int start, string[] phrase)
    {
        if (start + phrase.Length > tokens.Count)
        {
            return false;
        }
        for (var k = 1; k < phrase.Length; k++)
        {
            if (!string.Equals(tokens[start + k].Text, phrase[k], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A context phrase whose first or last word is repeated next to it is a different word: "jangan pilih-pilih"
    /// is "don't be picky", "dukung-dukungan" is taking sides in anything.
    /// </summary>
    private static bool IsReduplicated(IReadOnlyList<Token> tokens, int start, string[] phrase) =>
        (start > 0 && string.Equals(tokens[start - 1].Text, phrase[0], StringComparison.Ordinal))
        || (start + phrase.Length < tokens.Count && string.Equals(tokens[start + phrase.Length].Text, phrase[^1], StringComparison.Ordinal));

    private static int ParseNumber(string text, int offset) =>
        int.Parse(text.AsSpan(offset), NumberStyles.None, CultureInfo.InvariantCulture);

    private static bool IsAmbiguous(EntityMatch match) => match.Entity.Ambiguous || match.Entity.Kind == EntityKind.FingerSign;

    private static void DropUnsupportedAmbiguous(IReadOnlyList<Token> tokens, LexiconMatches output)
    {
        var entities = output.Entities;
        if (!entities.Exists(IsAmbiguous))
        {
            return;
        }
        var supported = new List<EntityMatch>(entities.Count);
        var (droppedName, loneNumber) = (false, (EntityMatch?)null);
        foreach (var match in entities)
        {
            if (!IsAmbiguous(match) || HasContextNear(output, match.FirstToken, match.EndToken, ContextKind.Election)
                || (match.Entity.Kind is (EntityKind.Candidate or EntityKind.Slur) && HasStanceWordNear(output, match)) || IsSupportedByNeighbour(output, match))
            {
                supported.Add(match);
            }
            else if (match.Entity.Kind == EntityKind.Slur)
            {
                output.MarkUnsupportedSlur();
                droppedName = true;
            }
            else if (match.Entity.Kind == EntityKind.BallotNumber && StandsAlone(tokens, match.FirstToken))
            {
                loneNumber ??= match;
            }
            else if (match.Entity.Kind is EntityKind.Candidate or EntityKind.Slogan)
            {
                droppedName = true;
            }
        }
        // The guide's rule for numbers ("a signal only next to an election context") read over the whole post: a
        // bare "01" in a reply that also says "milih", "lanjut", "kampret" or "kerja nyata" is the camps' own
        // spelling, which a lone date or time is not. No feature, so the model still decides. Alone in the post, the
        // number is only a weak cue (LoneNumber).
        if (loneNumber is { } number)
        {
            if (droppedName || output.Contexts.Count > 0)
            {
                output.RaiseAnchorWithoutMatch(PoliticalAnchor.Electoral);
            }
            else
            {
                output.MarkLoneNumber(number);
            }
        }
        entities.Clear();
        entities.AddRange(supported);
    }

    /// <summary>
    /// A bare number written as a word of its own: not glued to a neighbour ("yusufk09"), not one of a run of numbers
    /// a separator apart as dates, times and addresses are written ("06-06-2018", "09.06", "03/IV"), and not next to
    /// a calendar, clock or address word ("tanggal 05 juni", "jam 02", "rt 03").
    /// </summary>
    private static bool StandsAlone(IReadOnlyList<Token> tokens, int index)
    {
        var number = tokens[index];
        bool Touches(int j)
        {
            if (j < 0 || j >= tokens.Count)
            {
                return false;
            }
            var gap = j < index ? number.Start - tokens[j].End : tokens[j].Start - number.End;
            return gap == 0 || (gap == 1 && tokens[j].Kind is TokenKind.Number or TokenKind.BallotNumber) || CalendarWords.Contains(tokens[j].Text);
        }
        return !Touches(index - 1) && !Touches(index + 1);
    }

    /// <summary>"Jokowi menang lagi", "lengserkan Prabowo": a support, attack or campaign word of the electoral tier near the name.</summary>
    private static bool HasStanceWordNear(LexiconMatches matches, EntityMatch match)
    {
        var contexts = matches.Contexts;
        for (var i = FirstStartingFrom(contexts, match.FirstToken - NearWindow - matches.LongestMatch, static c => c.FirstToken);
             i < contexts.Count && contexts[i].FirstToken < match.EndToken + NearWindow; i++)
        {
            var context = contexts[i];
            if (!context.Everyday && (context.Kind & (ContextKind.Support | ContextKind.Attack | ContextKind.Campaign)) != 0
                && IsNear(context.FirstToken, context.FirstToken + context.TokenCount, match.FirstToken, match.EndToken))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>An unambiguous entity nearby, or the other half of a number-and-sign wink.</summary>
    private static bool IsSupportedByNeighbour(LexiconMatches matches, EntityMatch match)
    {
        // Entities are in token order: only those starting inside the window can be near (a long post stays linear).
        var entities = matches.Entities;
        for (var i = FirstStartingFrom(entities, match.FirstToken - NearWindow - matches.LongestMatch, static e => e.FirstToken);
             i < entities.Count && entities[i].FirstToken < match.EndToken + NearWindow; i++)
        {
            var other = entities[i];
            if ((!IsAmbiguous(other) && IsNear(other.FirstToken, other.EndToken, match.FirstToken, match.EndToken)) || IsNumberAndSignOfOnePair(match, other))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The index of the first item whose first token is at least <paramref name="token"/> in a list in token order.</summary>
    private static int FirstStartingFrom<T>(List<T> items, int token, Func<T, int> firstToken)
    {
        var (low, high) = (0, items.Count);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (firstToken(items[middle]) < token)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    /// <summary>"01 ☝️", "2 ya ✌️": a bare number and the finger sign of the same number side by side are the wink the guide describes.</summary>
    private static bool IsNumberAndSignOfOnePair(EntityMatch a, EntityMatch b) =>
        a.Entity.Number == b.Entity.Number && a.Entity.Kind != b.Entity.Kind
        && a.Entity.Kind is EntityKind.BallotNumber or EntityKind.FingerSign && b.Entity.Kind is EntityKind.BallotNumber or EntityKind.FingerSign
        && IsNear(a.FirstToken, a.EndToken, b.FirstToken, b.EndToken);

    /// <summary>
    /// True when a candidate, slogan, hashtag, party, ballot number or finger sign has an election or support word
    /// within <see cref="NearWindow"/> tokens ("coblos nomor 3", "pilihlah Pak X nomor 4", "menangkan Pak X"): the
    /// post asks for a vote for someone the contest files know. Slurs are attacks, not calls.
    /// </summary>
    public static bool HasVoteCall(LexiconMatches matches)
    {
        foreach (var match in matches.Entities)
        {
            if (match.Entity.Kind != EntityKind.Slur && HasContextNear(matches, match.FirstToken, match.EndToken, ContextKind.Election | ContextKind.Support))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when a context word of the given kind lies within <see cref="NearWindow"/> tokens of [first, end).</summary>
    public static bool HasContextNear(LexiconMatches matches, int first, int end, ContextKind kind)
    {
        var contexts = matches.Contexts;
        for (var i = FirstStartingFrom(contexts, first - NearWindow - matches.LongestMatch, static c => c.FirstToken);
             i < contexts.Count && contexts[i].FirstToken < end + NearWindow; i++)
        {
            var context = contexts[i];
            if ((context.Kind & kind) != 0 && IsNear(context.FirstToken, context.FirstToken + context.TokenCount, first, end))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsNear(int firstA, int endA, int firstB, int endB) =>
        firstA < endB + NearWindow && firstB < endA + NearWindow;

    /// <summary>
    /// "nomor 2" next to "Dedi Mulyadi" means pair 2 of that contest, not of the national one; so does a number in a
    /// post about "Pilkada Jabar". A number in a post about a regional contest that names no region is not a
    /// presidential pair either: it is described as a regional ballot number, resolved by the account's region when
    /// that is known.
    /// </summary>
    private void DescribeNumbersByNamedContest(IReadOnlyList<Token> tokens, LexiconMatches output, string? regionCode)
    {
        var entities = output.Entities;
        if (!entities.Exists(e => e.Entity.Kind is EntityKind.BallotNumber or EntityKind.FingerSign))
        {
            return;
        }
        var namedContest = entities.Find(e => e.Entity.ContestId is not null && e.Entity.Kind is EntityKind.Candidate or EntityKind.Slogan or EntityKind.Hashtag).Entity?.ContestId;
        List<ContestEntry> contests = namedContest is not null && contestsById.TryGetValue(namedContest, out var named)
            ? [named]
            : RegionalContestsOf(tokens, regionCode);
        if (contests.Count == 0 && !MentionsRegionalContest(tokens))
        {
            return;
        }
        for (var i = 0; i < entities.Count; i++)
        {
            var entity = entities[i].Entity;
            if (entity.Kind is not (EntityKind.BallotNumber or EntityKind.FingerSign) || (namedContest is not null && entity.ContestId == namedContest))
            {
                continue;
            }
            var withNumber = contests.Where(c => c.Pairs.Any(p => p.Number == entity.Number)).ToList();
            entities[i] = entities[i] with
            {
                Entity = withNumber.Count == 1
                    ? entity with { ContestId = withNumber[0].Id, Description = $"{NumberPrefix(entity)}: {DescribePair(withNumber[0], withNumber[0].Pairs.First(p => p.Number == entity.Number))}" }
                    : entity with
                    {
                        ContestId = contests.Count == 1 ? contests[0].Id : null,
                        Description = contests.Count == 1
                            ? $"{NumberPrefix(entity)}, {contests[0].Name}"
                            : $"{NumberPrefix(entity)} of a regional contest (which one: {(contests.Count == 0 ? "not named" : "ambiguous")})",
                    },
            };
        }
    }

    private static bool MentionsRegionalContest(IReadOnlyList<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (RegionalWords.Contains(tokens[i].Text))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The regional contests the post names by region ("pilkada jabar"), else those of the account's region.</summary>
    private List<ContestEntry> RegionalContestsOf(IReadOnlyList<Token> tokens, string? regionCode)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (MentionsRegionalContest(tokens))
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                if (!regionAliasesByFirstToken.TryGetValue(tokens[i].Text, out var aliases))
                {
                    continue;
                }
                foreach (var (aliasTokens, contestIds) in aliases)
                {
                    if (MatchesAt(tokens, i, aliasTokens))
                    {
                        ids.UnionWith(contestIds);
                        break;
                    }
                }
            }
            if (ids.Count == 0 && regionCode is not null)
            {
                ids.UnionWith(contestsById.Values.Where(c => c.RegionCode.Length > 0 && Covers(c.Id, regionCode)).Select(c => c.Id));
            }
        }
        return [.. ids.Order(StringComparer.Ordinal).Select(id => contestsById[id])];
    }

    private static string NumberPrefix(LexiconEntity entity) => entity.Kind == EntityKind.FingerSign
        ? string.Create(CultureInfo.InvariantCulture, $"finger sign {entity.Number}")
        : string.Create(CultureInfo.InvariantCulture, $"nomor urut {entity.Number}");

    /// <summary>Ballot numbers are at most two digits (see <see cref="TextNormalizer"/>), finger signs one to three.</summary>
    private LexiconEntity NumberEntity(int number) => numberEntities[number];

    private LexiconEntity SignEntity(int number) => signEntities[number];

    private LexiconEntity DescribeDefault(LexiconEntity entity) => defaultPairsByNumber.TryGetValue(entity.Number, out var known)
        ? entity with { ContestId = known.Contest.Id, Description = $"{NumberPrefix(entity)}: {DescribePair(known.Contest, known.Pair)}" }
        : entity with { Description = NumberPrefix(entity) };
}
