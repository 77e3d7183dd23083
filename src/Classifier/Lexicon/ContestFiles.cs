using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Lexicon;

/// <summary>
/// The contest files of Classifier:LexiconDirectory, loaded once per process: the classifier's lexicon and the
/// election calendar are both derived from them, so they cannot disagree.
/// </summary>
public sealed class ContestFiles
{
    public ContestFiles(IReadOnlyList<LexiconFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        Files = files;
        Calendar = new ElectionCalendar(Contests.Select(c => c.ToSchedule()));
    }

    public IReadOnlyList<LexiconFile> Files { get; }

    public ElectionCalendar Calendar { get; }

    /// <summary>Every contest of every file, in file order.</summary>
    public IEnumerable<ContestEntry> Contests => Files.SelectMany(f => f.Contests);

    public ContestEntry? Find(string id) => Contests.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));

    /// <exception cref="ContestFileException">A file is invalid; the one-line message names the file and the field.</exception>
    public static ContestFiles Load(string directory) => new(LexiconFile.LoadDirectory(directory));
}
