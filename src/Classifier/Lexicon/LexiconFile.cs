using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SocialWatch.Core.Domain;

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
    /// <exception cref="ContestFileException">A file is not valid lexicon JSON; the one-line message names the file and the field.</exception>
    public static IReadOnlyList<LexiconFile> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"contest lexicon directory '{Path.GetFullPath(directory)}' does not exist");
        }
        var files = new List<LexiconFile>();
        var contestFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(directory, "*.json").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal))
        {
            var file = Parse(File.ReadAllBytes(path), path);
            foreach (var contest in file.Contests)
            {
                if (!contestFiles.TryAdd(contest.Id, path))
                {
                    throw new ContestFileException(path, $"'contests[{contest.Id}].id' is already used by '{contestFiles[contest.Id]}'");
                }
            }
            files.Add(file);
        }
        return files;
    }

    /// <summary>Reads and validates one file's bytes; <paramref name="path"/> only names it in errors.</summary>
    /// <exception cref="ContestFileException">The content is not a valid lexicon file.</exception>
    public static LexiconFile Parse(ReadOnlySpan<byte> json, string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<LexiconFile>(json, Json) ?? throw new InvalidDataException("the file is empty");
            file.Validate();
            return file;
        }
        catch (JsonException ex)
        {
            // System.Text.Json names the field as a JSON path ("$.contests[0].voteDate"); the rest of its message is noise.
            throw new ContestFileException(path, ex.Path is { } at ? $"'{at.TrimStart('$', '.')}' is invalid: {FirstSentence(ex.Message)}" : FirstSentence(ex.Message), ex);
        }
        catch (InvalidDataException ex)
        {
            throw new ContestFileException(path, ex.Message, ex);
        }
    }

    /// <summary>The file as JSON in the shape <see cref="Parse"/> reads (camelCase, indented).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, WriteJson);

    private static readonly JsonSerializerOptions WriteJson = new(Json)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string FirstSentence(string message) => message.Split(". ", 2)[0].TrimEnd('.');

    private void Validate()
    {
        foreach (var contest in Contests)
        {
            ValidateContest(contest);
        }
        foreach (var group in Parties.GroupBy(p => p.Election, StringComparer.Ordinal))
        {
            foreach (var party in group)
            {
                Require(party.Name, $"parties[{party.Number}].name");
            }
            if (group.Where(p => p.Number > 0).GroupBy(p => p.Number).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new InvalidDataException($"'parties[].number' {twice.Key} is used twice in election '{group.Key}' ({string.Join(", ", twice.Select(p => p.Name))})");
            }
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

    private static void ValidateContest(ContestEntry contest)
    {
        Require(contest.Id, "contests[].id");
        var at = $"contests[{contest.Id}]";
        Require(contest.Name, $"{at}.name");
        if (!ContestKinds.TryParse(contest.Kind, out var kind))
        {
            throw new InvalidDataException($"'{at}.kind' is '{contest.Kind}', not one of {ContestKinds.AllCodes}");
        }
        ValidateRegion(contest, kind, at);
        if (contest.VoteDate is null)
        {
            throw new InvalidDataException($"'{at}.voteDate' is required");
        }
        if ((contest.CampaignStart is null) != (contest.CampaignEnd is null) || (contest.QuietStart is null) != (contest.QuietEnd is null))
        {
            var missing = contest.CampaignStart is null != (contest.CampaignEnd is null)
                ? (contest.CampaignStart is null ? "campaignStart" : "campaignEnd")
                : (contest.QuietStart is null ? "quietStart" : "quietEnd");
            throw new InvalidDataException($"'{at}.{missing}' is required with its other end");
        }
        // The KPU stages follow one another without overlapping: set → campaign → quiet period → vote.
        (string Field, DateOnly? Day, bool Strict)[] stages =
        [
            ("candidatesSet", contest.CandidatesSet, false),
            ("campaignStart", contest.CampaignStart, true),
            ("campaignEnd", contest.CampaignEnd, false),
            ("quietStart", contest.QuietStart, true),
            ("quietEnd", contest.QuietEnd, false),
            ("voteDate", contest.VoteDate, true),
        ];
        (string Field, DateOnly Day)? previous = null;
        foreach (var (field, day, strict) in stages)
        {
            if (day is not { } d)
            {
                continue;
            }
            if (previous is { } p && (d < p.Day || (strict && d == p.Day)))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"'{at}.{field}' ({d:yyyy-MM-dd}) overlaps '{at}.{p.Field}' ({p.Day:yyyy-MM-dd}): the stages must follow one another"));
            }
            previous = (field, d);
        }
        var numbers = new HashSet<int>();
        foreach (var pair in contest.Pairs)
        {
            if (pair.Number <= 0)
            {
                throw new InvalidDataException($"'{at}.pairs[].number' must be 1 or more");
            }
            if (!numbers.Add(pair.Number))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{at}.pairs[{pair.Number}].number' is used twice"));
            }
            Require(pair.Name, string.Create(CultureInfo.InvariantCulture, $"{at}.pairs[{pair.Number}].name"));
        }
    }

    /// <summary>National contests have no region; a governor race a province code ("32"), a regent or mayor race a regency/city code ("32.73").</summary>
    private static void ValidateRegion(ContestEntry contest, ContestKind kind, string at)
    {
        var code = contest.RegionCode;
        if (kind.IsNational())
        {
            if (code.Length > 0)
            {
                throw new InvalidDataException($"'{at}.regionCode' must be empty for a national contest ({kind.ToCode()})");
            }
            return;
        }
        var parts = kind switch
        {
            ContestKind.Pilgub => 1,
            ContestKind.Pilbup or ContestKind.Pilwalkot => 2,
            _ => 0,
        };
        if (!RegionCodes.IsValid(code) || (parts > 0 && code.Split('.').Length != parts))
        {
            var expected = parts switch { 1 => "a province code such as \"32\"", 2 => "a regency or city code such as \"32.73\"", _ => "a region code such as \"32\" or \"32.73\"" };
            throw new InvalidDataException($"'{at}.regionCode' is '{code}', not {expected}");
        }
        Require(contest.Region, $"{at}.region");
    }

    private static void Require(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidDataException($"'{key}' is required");
        }
    }
}

/// <summary>A contest lexicon file that cannot be used: one line naming the file and the field.</summary>
public sealed class ContestFileException : Exception
{
    public ContestFileException(string path, string problem, Exception? inner = null)
        : base($"contest file '{path}': {problem}", inner)
    {
        Path = path;
    }

    public ContestFileException() { }

    public ContestFileException(string message) : base(message) { }

    public ContestFileException(string message, Exception innerException) : base(message, innerException) { }

    public string Path { get; } = "";
}

/// <summary>An election for one office in one region and period, e.g. Pilkada 2024 DKI Jakarta (governor).</summary>
public sealed record ContestEntry
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>pilpres, pileg, pilgub, pilbup, pilwalkot or psu (<see cref="ContestKind"/>).</summary>
    public string Kind { get; init; } = "";
    /// <summary>The region's name as the KPU writes it ("Jawa Barat", "Kota Bandung"); empty for a national contest.</summary>
    public string Region { get; init; } = "";
    /// <summary>BPS/Kemendagri code: "32" for a province, "32.73" for a regency or city; empty for a national contest.</summary>
    public string RegionCode { get; init; } = "";
    /// <summary>Other names of the region people write next to "pilkada" or "pilgub" ("jabar" for Jawa Barat).</summary>
    public IReadOnlyList<string> RegionAliases { get; init; } = [];
    /// <summary>The KPU decision or announcement the dates and pairs come from.</summary>
    public string Source { get; init; } = "";
    /// <summary>When the KPU set the candidates (penetapan): before it they are <i>bakal calon</i>.</summary>
    public DateOnly? CandidatesSet { get; init; }
    public DateOnly? CampaignStart { get; init; }
    public DateOnly? CampaignEnd { get; init; }
    public DateOnly? QuietStart { get; init; }
    public DateOnly? QuietEnd { get; init; }
    public DateOnly? VoteDate { get; init; }
    public IReadOnlyList<PairEntry> Pairs { get; init; } = [];

    /// <summary>Valid entries only (see <see cref="LexiconFile.LoadDirectory"/>).</summary>
    [JsonIgnore]
    public ContestKind ContestKind => ContestKinds.TryParse(Kind, out var kind) ? kind : throw new InvalidDataException($"contest '{Id}' has kind '{Kind}'");

    public ContestSchedule ToSchedule() => new(
        Id, Name, ContestKind, RegionCode.Length == 0 ? null : RegionCode, CandidatesSet, CampaignStart, CampaignEnd, QuietStart, QuietEnd,
        VoteDate ?? throw new InvalidDataException($"contest '{Id}' has no voteDate"));
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
