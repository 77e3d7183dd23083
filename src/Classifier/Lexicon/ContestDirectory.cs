using System.Text;
using SocialWatch.Classifier.Model;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Classifier.Lexicon;

/// <summary>
/// The contest files of Classifier:LexiconDirectory as they are on disk now: the one implementation behind
/// `socialwatch contests list|show|import` and the console's contests page. Each call reads the directory again,
/// so a file written since start-up is listed; the classifier and the calendar keep what <see cref="ContestFiles"/>
/// loaded at start-up until the process restarts.
/// </summary>
public sealed class ContestDirectory(string location) : IContestDirectory
{
    public string Location { get; } = Path.GetFullPath(location);

    public IReadOnlyList<ContestSummary> List() =>
        [.. Load().SelectMany(f => f.File.Contests.Select(c => Summary(c, Path.GetFileName(f.Path))))];

    public string TargetFor(string csvFileName)
    {
        ArgumentNullException.ThrowIfNull(csvFileName);
        var name = KpuCandidateCsv.Slug(Path.GetFileNameWithoutExtension(Path.GetFileName(csvFileName)));
        return name.Length > 0
            ? Path.Combine(Location, name + ".json")
            : throw new DomainValidationException($"the file name '{csvFileName}' has no letters or digits to name the contest file; rename the CSV");
    }

    public ContestImportResult Import(TextReader csv, CandidateImportSchedule schedule, string target, bool write)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(target);
        if (KpuCandidateCsv.Slug(schedule.Election).Length == 0)
        {
            throw new DomainValidationException("the election needs a name with letters or digits, such as \"Pilkada 2024\": it names the contests and their ids");
        }
        if (string.IsNullOrWhiteSpace(schedule.Source))
        {
            throw new DomainValidationException("the source is required: the KPU decision or announcement the lists come from");
        }
        var path = Path.GetFullPath(target);
        if (File.Exists(path))
        {
            throw new DomainValidationException($"'{path}' already exists and a contest file is never overwritten; nothing was written");
        }
        var read = KpuCandidateCsv.Read(csv, schedule);
        if (read.Errors.Count > 0)
        {
            return new ContestImportResult(path, read.RowsRead, read.Errors, [], Written: false);
        }
        // The file must load exactly like a hand-written one, beside the files already there.
        var json = read.File.ToJson() + "\n";
        try
        {
            LexiconFile.Parse(Encoding.UTF8.GetBytes(json), path);
        }
        catch (ContestFileException ex)
        {
            throw new DomainValidationException($"{ex.Message}; nothing was written", ex);
        }
        var directory = Path.GetDirectoryName(path)!;
        var taken = (Directory.Exists(Location) ? Load() : [])
            .SelectMany(f => f.File.Contests.Select(c => (c.Id, File: Path.GetFileName(f.Path))))
            .ToLookup(c => c.Id, c => c.File, StringComparer.Ordinal);
        if (read.File.Contests.FirstOrDefault(c => taken.Contains(c.Id)) is { } used)
        {
            throw new DomainValidationException($"contest '{used.Id}' is already in {taken[used.Id].First()}; nothing was written");
        }
        var contests = read.File.Contests.Select(c => Summary(c, Path.GetFileName(path))).ToList();
        if (write)
        {
            Directory.CreateDirectory(directory);
            WriteNew(path, json);
        }
        return new ContestImportResult(path, read.RowsRead, [], contests, write);
    }

    /// <summary>
    /// Writes beside the target under a name the loader skips, then moves it into place without overwriting: a
    /// process starting meanwhile never reads half a file, and a file written at the same moment is kept.
    /// </summary>
    private static void WriteNew(string path, string json)
    {
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        File.WriteAllText(partial, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        try
        {
            File.Move(partial, path, overwrite: false);
        }
        catch (IOException ex) when (File.Exists(path))
        {
            throw new DomainValidationException($"'{path}' already exists and a contest file is never overwritten; nothing was written", ex);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private IReadOnlyList<(string Path, LexiconFile File)> Load()
    {
        try
        {
            return LexiconDirectory.Load(Location);
        }
        catch (Exception ex) when (ex is ContestFileException or DirectoryNotFoundException)
        {
            throw new DomainValidationException(ex.Message, ex);
        }
    }

    private static ContestSummary Summary(ContestEntry contest, string fileName) => new(
        contest.ToSchedule(), contest.Region, contest.Source, fileName,
        [.. contest.Pairs.OrderBy(p => p.Number).Select(p => new ContestPairSummary(p.Number, p.Name, p.Parties))]);
}
