using System.Collections.Frozen;
using System.Text;

namespace SocialWatch.Classifier.Text;

/// <summary>
/// Informal → formal word replacements ("gak" → "tidak", "nyoblos" → "coblos"). Loaded from tab-separated files;
/// later files override earlier ones so project additions win over the IndoCollex base.
/// </summary>
public sealed class SlangTable
{
    private readonly FrozenDictionary<string, string[]> replacements;
    private readonly FrozenDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public SlangTable(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var replacements = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (informal, formal) in entries)
        {
            var key = informal.Trim().ToLowerInvariant();
            var words = formal.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (key.Length > 0 && words.Length > 0)
            {
                replacements[key] = words;
            }
        }
        this.replacements = replacements.ToFrozenDictionary(StringComparer.Ordinal);
        lookup = this.replacements.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static SlangTable Empty { get; } = new([]);

    public int Count => replacements.Count;

    /// <summary>Entries in ordinal key order, so that writing them into a model file is deterministic.</summary>
    public IEnumerable<KeyValuePair<string, string>> Entries =>
        replacements.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, string.Join(' ', e.Value)));

    /// <summary>Every word on either side of the table: the normaliser's base vocabulary for splitting hashtags.</summary>
    public IEnumerable<string> Words => replacements.Keys.Concat(replacements.Values.SelectMany(v => v));

    public bool TryReplace(ReadOnlySpan<char> word, out string[] formal) => lookup.TryGetValue(word, out formal!);

    /// <summary>Reads every <c>*.tsv</c> in the directory in ordinal file-name order; '#' starts a comment line.</summary>
    /// <exception cref="InvalidDataException">A line is not <c>informal&lt;TAB&gt;formal</c>; the message names file and line.</exception>
    public static SlangTable LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"slang lexicon directory '{directory}' does not exist");
        }
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var file in Directory.GetFiles(directory, "*.tsv").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file, Encoding.UTF8))
            {
                lineNumber++;
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }
                var parts = line.Split('\t');
                if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
                {
                    throw new InvalidDataException($"{file}:{lineNumber}: expected 'informal<TAB>formal'");
                }
                entries.Add(KeyValuePair.Create(parts[0], parts[1]));
            }
        }
        return new SlangTable(entries);
    }
}
