using SocialWatch.Core.Domain;

namespace SocialWatch.Sources.Jsonl;

/// <summary>One line of a JSONL import: either a post or the reason it was refused, with its 1-based line number.</summary>
/// <param name="RawLine">The line as read, kept so a refused line can be quarantined as evidence.</param>
public sealed record JsonlLine(int LineNumber, JsonlImportedPost? Post, string? Error, string RawLine)
{
    public bool IsValid => Post is not null;
}

/// <param name="SourcePlatform">The platform the exporter named (facebook, instagram, x …); see docs/jsonl-import.md for how it maps to <see cref="Platform"/>.</param>
/// <param name="DeletedAt">Set when the exporter knows the post was removed from the platform.</param>
public sealed record JsonlImportedPost(FetchedPost Post, string SourcePlatform, DateTimeOffset? DeletedAt, JsonlProvenance Source);

/// <summary>Where imported data came from: the import must record it (platform-apis.md §5).</summary>
/// <param name="ExportedAt">When a post appears twice, the line exported last wins.</param>
public sealed record JsonlProvenance(string Tool, string? ToolVersion, DateTimeOffset ExportedAt, string? CollectedBy);
