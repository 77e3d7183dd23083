using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialWatch.Classifier.Lexicon;

/// <summary>
/// One JSON file of the contest lexicon directory (format: docs/contests.md). Every section is optional, so a
/// file may hold one regional contest, the party list of an election, camp slurs, or context words.
/// </summary>
public sealed record LexiconFile
{
    public IReadOnlyList<ContestEntry> Contests { get; init; } = [];
    public IReadOnlyList<PartyEntry> Parties { get; init; } = [];
    public IReadOnlyList<SlurEntry> Slurs { get; init; } = [];
    public ContextWords? ContextWords { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads every <c>*.json</c> in the directory, in ordinal file-name order.</summary>
    /// <exception cref="InvalidDataException">A file is not valid lexicon JSON; the message names the file.</exception>
    public static IReadOnlyList<LexiconFile> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"contest lexicon directory '{Path.GetFullPath(directory)}' does not exist");
        }
        var files = new List<LexiconFile>();
        foreach (var path in Directory.GetFiles(directory, "*.json").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal))
        {
            try
            {
                var file = JsonSerializer.Deserialize<LexiconFile>(File.ReadAllBytes(path), Json)
                    ?? throw new InvalidDataException("the file is empty");
                file.Validate();
                files.Add(file);
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException)
            {
                throw new InvalidDataException($"contest lexicon file '{path}' is invalid: {ex.Message}", ex);
            }
        }
        return files;
    }

    private void Validate()
    {
        foreach (var contest in Contests)
        {
            Require(contest.Id, "contests[].id");
            Require(contest.Name, $"contests[{contest.Id}].name");
            foreach (var pair in contest.Pairs)
            {
                if (pair.Number <= 0)
                {
                    throw new InvalidDataException($"contests[{contest.Id}].pairs[].number must be 1 or more");
                }
                Require(pair.Name, $"contests[{contest.Id}].pairs[{pair.Number}].name");
            }
        }
        foreach (var party in Parties)
        {
            Require(party.Name, "parties[].name");
        }
        foreach (var slur in Slurs)
        {
            Require(slur.Term, "slurs[].term");
        }
        if (ContextWords is { } context)
        {
            var listed = context.Election.Concat(context.Campaign).Concat(context.Support).Concat(context.Attack).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var unlisted = context.Everyday.Where(word => !listed.Contains(word)).ToList();
            if (unlisted.Count > 0)
            {
                throw new InvalidDataException($"'contextWords.everyday' may only repeat words of the election, campaign, support or attack lists; not listed there: {string.Join(", ", unlisted)}");
            }
        }
    }

    private static void Require(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidDataException($"'{key}' is required");
        }
    }
}

/// <summary>An election for one office in one region and period, e.g. Pilkada 2024 DKI Jakarta (governor).</summary>
public sealed record ContestEntry
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>national, province, regency or city.</summary>
    public string Level { get; init; } = "national";
    public string Region { get; init; } = "";
    public string Office { get; init; } = "";
    public DateOnly? CampaignStart { get; init; }
    public DateOnly? CampaignEnd { get; init; }
    public DateOnly? VoteDate { get; init; }
    public IReadOnlyList<PairEntry> Pairs { get; init; } = [];
}

/// <summary>A numbered pair (or single candidate) with everything that names or signals it.</summary>
public sealed record PairEntry
{
    public int Number { get; init; }
    public string Name { get; init; } = "";
    /// <summary>Names, nicknames and pair acronyms ("prabowo", "gibran", "amin", "rido").</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public IReadOnlyList<string> Slogans { get; init; } = [];
    /// <summary>Without '#'; matched case-insensitively against the whole hashtag.</summary>
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public IReadOnlyList<string> Parties { get; init; } = [];
    /// <summary>Aliases or slogans that are everyday words too ("amin", "perubahan", "lanjutkan"): matched only near election words.</summary>
    public IReadOnlyList<string> Ambiguous { get; init; } = [];
}

/// <summary>A party and its ballot number in one election.</summary>
public sealed record PartyEntry
{
    public int Number { get; init; }
    public string Name { get; init; } = "";
    public string Election { get; init; } = "";
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public IReadOnlyList<string> Ambiguous { get; init; } = [];
}

/// <summary>A camp slur ("cebong", "kampret", "kadrun"): labelled oppose by the guide.</summary>
public sealed record SlurEntry
{
    public string Term { get; init; } = "";
    public string Meaning { get; init; } = "";
    public IReadOnlyList<string> Variants { get; init; } = [];
    /// <summary>Forms that are also everyday curses or words ("kampret" = bat, "bong"): matched only near election words.</summary>
    public IReadOnlyList<string> Ambiguous { get; init; } = [];
}

/// <summary>Words that give a nearby name, number or sign an electoral meaning.</summary>
public sealed record ContextWords
{
    /// <summary>Election context: coblos, paslon, pilkada, tps, menang, kampanye ...</summary>
    public IReadOnlyList<string> Election { get; init; } = [];
    /// <summary>Campaign activity: posko, baliho, stiker, kaos, relawan, visi misi, fotokopi KTP ...</summary>
    public IReadOnlyList<string> Campaign { get; init; } = [];
    /// <summary>Support: dukung, menangkan, pilih, titip suara ...</summary>
    public IReadOnlyList<string> Support { get; init; } = [];
    /// <summary>Attack: jangan pilih, tolak, ganti ...</summary>
    public IReadOnlyList<string> Attack { get; init; } = [];
    /// <summary>
    /// Words of the lists above that everyday talk uses too ("presiden", "dukung", "kaos", "tolak"). They still give
    /// nearby names and numbers their meaning and still feed the model, but a post anchored by nothing else is
    /// flagged only above Classifier:EverydayAnchorThreshold.
    /// </summary>
    public IReadOnlyList<string> Everyday { get; init; } = [];
}
