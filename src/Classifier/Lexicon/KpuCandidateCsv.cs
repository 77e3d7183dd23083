using System.Globalization;
using System.Text;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Registry;

namespace SocialWatch.Classifier.Lexicon;

/// <summary>What an import read: the contest file it would write, or the rows it refused.</summary>
public sealed record CandidateImportResult(LexiconFile File, int RowsRead, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// Reads the candidate lists the KPU publishes per region (docs/contests.md, "Import"): a header row naming
/// <c>kode_wilayah, wilayah, jenis, nomor_urut, calon, wakil, partai_pengusung</c> in any order, then one row per
/// pair. Every row is checked (region code that fits the kind, known kind, ballot number, a name, one region name
/// per code, no number twice in a region); a file with any bad row gives no contests at all.
/// </summary>
public static class KpuCandidateCsv
{
    public static IReadOnlyList<string> Columns { get; } = ["kode_wilayah", "wilayah", "jenis", "nomor_urut", "calon", "wakil", "partai_pengusung"];

    private static readonly Dictionary<ContestKind, string> Offices = new()
    {
        [ContestKind.Pilgub] = "gubernur",
        [ContestKind.Pilbup] = "bupati",
        [ContestKind.Pilwalkot] = "wali kota",
        [ContestKind.Psu] = "pemungutan suara ulang",
    };

    private sealed record Region(string Id, string Code, string Name, ContestKind Kind, int FirstLine, List<PairEntry> Pairs, Dictionary<int, int> LineOfNumber);

    /// <exception cref="DomainValidationException">The file is empty or its header lacks a column.</exception>
    public static CandidateImportResult Read(TextReader csv, CandidateImportSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(schedule);
        using var records = CsvRecords.Read(csv).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new DomainValidationException($"the file is empty; expected a header row: {string.Join(",", Columns)}");
        }
        var columns = ReadHeader(records.Current);
        var regions = new Dictionary<string, Region>(StringComparer.Ordinal);
        var idPrefix = Slug(schedule.Election);
        var errors = new List<ImportRowError>();
        var rows = 0;
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Error is null && record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            rows++;
            if (Check(record, columns, regions, idPrefix) is { } reason)
            {
                errors.Add(new ImportRowError(record.Line, reason));
            }
        }
        var contests = errors.Count > 0 ? [] : regions.Values.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => ToContest(r, schedule)).ToList();
        return new CandidateImportResult(new LexiconFile { Contests = contests }, rows, errors);
    }

    private static Dictionary<string, int> ReadHeader(CsvRecord header)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            columns.TryAdd(header.Fields[i].Trim().TrimStart('\uFEFF'), i);
        }
        var missing = Columns.Where(c => !columns.ContainsKey(c)).ToList();
        if (header.Error is not null || missing.Count > 0)
        {
            throw new DomainValidationException($"line 1: the header must name the columns {string.Join(",", Columns)}; missing: {string.Join(", ", missing)}");
        }
        return columns;
    }

    private static LocalizableMessage? Check(CsvRecord record, Dictionary<string, int> columns, Dictionary<string, Region> regions, string idPrefix)
    {
        if (record.Error is { } error)
        {
            return $"malformed CSV: {error}";
        }
        string Field(string name) => columns[name] < record.Fields.Count ? record.Fields[columns[name]].Trim() : "";
        if (record.Fields.Count < columns.Values.Max() + 1)
        {
            return $"{record.Fields.Count} fields, expected {columns.Values.Max() + 1}";
        }
        if (!ContestKinds.TryParse(Field("jenis"), out var kind) || kind.IsNational())
        {
            return $"jenis '{Field("jenis")}' is not one of pilgub, pilbup, pilwalkot, psu";
        }
        var code = Field("kode_wilayah");
        var parts = kind == ContestKind.Pilgub ? 1 : kind == ContestKind.Psu ? 0 : 2;
        if (!RegionCodes.IsValid(code) || (parts > 0 && code.Split('.').Length != parts))
        {
            // Two returns, not a ?: — a conditional would make each message a plain string, its template lost for translation.
            if (parts == 1)
            {
                return $"kode_wilayah '{code}' is not a province code such as 32 (jenis {kind.ToCode()})";
            }
            return $"kode_wilayah '{code}' is not a regency or city code such as 32.73 (jenis {kind.ToCode()})";
        }
        var name = Field("wilayah");
        if (name.Length == 0)
        {
            return "wilayah is empty";
        }
        if (!int.TryParse(Field("nomor_urut"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 99)
        {
            return $"nomor_urut '{Field("nomor_urut")}' is not a ballot number from 1 to 99";
        }
        var calon = Field("calon");
        if (calon.Length == 0)
        {
            return "calon is empty: a pair needs a name";
        }
        var key = $"{kind.ToCode()}/{code}";
        if (!regions.TryGetValue(key, out var region))
        {
            // Two regions whose names give one id would write a file that stops the next start-up.
            var id = ContestId(idPrefix, name);
            if (regions.Values.FirstOrDefault(r => r.Id == id) is { } same)
            {
                return $"contest id '{id}' of {kind.ToCode()} {code} is already given on line {same.FirstLine} ({same.Kind.ToCode()} {same.Code}); import them separately or under another election name";
            }
            region = new Region(id, code, name, kind, record.Line, [], []);
            regions[key] = region;
        }
        else if (!string.Equals(region.Name, name, StringComparison.OrdinalIgnoreCase))
        {
            return $"wilayah '{name}' differs from '{region.Name}' given for {code} on line {region.FirstLine}";
        }
        if (region.LineOfNumber.TryGetValue(number, out var earlier))
        {
            return $"nomor_urut {number} in {region.Name} is already on line {earlier}";
        }
        region.LineOfNumber[number] = record.Line;
        var wakil = Field("wakil");
        region.Pairs.Add(new PairEntry
        {
            Number = number,
            Name = wakil.Length == 0 ? calon : $"{calon} – {wakil}",
            Aliases = [.. new[] { calon, wakil }.Where(n => n.Length > 0).Select(n => n.ToLowerInvariant())],
            Parties = [.. Field("partai_pengusung").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        });
        return null;
    }

    private static ContestEntry ToContest(Region region, CandidateImportSchedule schedule) => new()
    {
        Id = region.Id,
        Name = $"{schedule.Election} {region.Name} ({Offices[region.Kind]})",
        Kind = region.Kind.ToCode(),
        Region = region.Name,
        RegionCode = region.Code,
        Source = schedule.Source,
        CandidatesSet = schedule.CandidatesSet,
        CampaignStart = schedule.CampaignStart,
        CampaignEnd = schedule.CampaignEnd,
        QuietStart = schedule.QuietStart,
        QuietEnd = schedule.QuietEnd,
        VoteDate = schedule.VoteDate,
        Pairs = [.. region.Pairs.OrderBy(p => p.Number)],
    };

    private static string ContestId(string idPrefix, string regionName) => $"{idPrefix}-{Slug(regionName)}";

    /// <summary>"Kota Bandung" → "kota-bandung": contest ids stay letters, digits and '-'.</summary>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-' && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                slug.Append('-');
            }
        }
        return slug.ToString().TrimEnd('-');
    }
}
