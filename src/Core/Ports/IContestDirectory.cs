using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Ports;

/// <summary>One pair of a contest as `contests show` and the console list it.</summary>
public sealed record ContestPairSummary(int Number, string Name, IReadOnlyList<string> Parties);

/// <summary>One contest of a contest file: its KPU schedule, where its facts come from, and its pairs.</summary>
/// <param name="Region">The region's name as the KPU writes it; empty for a national contest.</param>
/// <param name="FileName">The contest file it is in ("pilkada-2024-jawa-barat.json").</param>
public sealed record ContestSummary(ContestSchedule Schedule, string Region, string Source, string FileName, IReadOnlyList<ContestPairSummary> Pairs);

/// <summary>The KPU schedule every contest of one import shares (Pilkada is held on one calendar nationwide).</summary>
/// <param name="Election">"Pilkada 2024": names the contests ("Pilkada 2024 Kota Bandung (wali kota)") and, as a slug, prefixes their ids.</param>
public sealed record CandidateImportSchedule(
    string Election, string Source, DateOnly VoteDate,
    DateOnly? CandidatesSet = null, DateOnly? CampaignStart = null, DateOnly? CampaignEnd = null, DateOnly? QuietStart = null, DateOnly? QuietEnd = null);

/// <summary>What an import of the KPU's candidate lists found, and whether it wrote the contest file.</summary>
/// <param name="Target">The full path of the contest file it writes (or would write).</param>
/// <param name="Contests">The contests of that file; empty when a row is bad.</param>
public sealed record ContestImportResult(string Target, int RowsRead, IReadOnlyList<ImportRowError> Errors, IReadOnlyList<ContestSummary> Contests, bool Written)
{
    /// <summary>What the audit log keeps of a written import, from the CLI and the console alike.</summary>
    public string AuditDetails(string csvName) =>
        $"{Contests.Count} contests, {Contests.Sum(c => c.Pairs.Count)} pairs from {RowsRead} rows of {csvName}: {string.Join(", ", Contests.Select(c => c.Schedule.Id))}";
}

/// <summary>
/// The contest files as they are on disk now (docs/contests.md): what `socialwatch contests list|show|import` and the
/// console's contests page read and write. The running service loaded the directory at start-up
/// (<see cref="ElectionCalendar"/> holds those contests); a file written here is loaded at the next start.
/// </summary>
public interface IContestDirectory
{
    /// <summary>The directory's full path.</summary>
    string Location { get; }

    /// <summary>Every contest of every file, in file order.</summary>
    /// <exception cref="DomainValidationException">A file does not load; the message names the file and the field.</exception>
    IReadOnlyList<ContestSummary> List();

    /// <summary>Where an import of the CSV named <paramref name="csvFileName"/> writes by default: its name as a slug, with .json, in this directory.</summary>
    string TargetFor(string csvFileName);

    /// <summary>
    /// Reads the CSV row by row. With no bad row, the contest file is checked like any contest file (dates in order,
    /// ids not already used beside the files there) and, when <paramref name="write"/>, written to
    /// <paramref name="target"/>; with a bad row nothing is written and every bad row is in the result.
    /// </summary>
    /// <exception cref="DomainValidationException">
    /// The CSV is empty or lacks a column; the target exists; a contest id is taken; the schedule breaks
    /// the contest file rules. Nothing is written.
    /// </exception>
    ContestImportResult Import(TextReader csv, CandidateImportSchedule schedule, string target, bool write);
}
