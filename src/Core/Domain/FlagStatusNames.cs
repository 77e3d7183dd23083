namespace SocialWatch.Core.Domain;

/// <summary>
/// The one spelling of <see cref="FlagStatus"/> on every wire: the database, the API's JSON, the CLI and the
/// console's query strings (<c>open</c>, <c>in_review</c>, <c>confirmed</c>, <c>dismissed</c>, <c>escalated</c>,
/// <c>awaiting_second_review</c>).
/// Input also accepts the older spellings (<c>in-review</c>, <c>inreview</c>, <c>InReview</c>).
/// </summary>
public static class FlagStatusNames
{
    /// <summary>The statuses still waiting for a decision: what "pending" means in the queue, the API and the CLI.</summary>
    public static IReadOnlyList<FlagStatus> Pending { get; } = [FlagStatus.Open, FlagStatus.InReview, FlagStatus.Escalated, FlagStatus.AwaitingSecondReview];

    public static IReadOnlyList<string> Codes { get; } = [.. Enum.GetValues<FlagStatus>().Select(ToCode)];

    /// <summary>What a status filter accepts: "pending" (the default), "all", or one status.</summary>
    public static IReadOnlyList<string> FilterCodes { get; } = ["pending", "all", .. Codes];

    public static string ToCode(this FlagStatus status) => status switch
    {
        FlagStatus.Open => "open",
        FlagStatus.InReview => "in_review",
        FlagStatus.Confirmed => "confirmed",
        FlagStatus.Dismissed => "dismissed",
        FlagStatus.Escalated => "escalated",
        FlagStatus.AwaitingSecondReview => "awaiting_second_review",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? text, out FlagStatus status)
    {
        var key = (text ?? "").Trim().Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        status = default;
        return key.Length > 0 && !char.IsAsciiDigit(key[0]) && Enum.TryParse(key, ignoreCase: true, out status) && Enum.IsDefined(status);
    }

    /// <exception cref="DomainValidationException">Not a status.</exception>
    public static FlagStatus Parse(string? text) => TryParse(text, out var status)
        ? status
        : throw new DomainValidationException($"unknown status '{text}' (expected one of: {string.Join(", ", Codes)})");

    /// <summary>The statuses a filter names: <see cref="Pending"/> for "pending" or nothing, null (every status) for "all".</summary>
    /// <exception cref="DomainValidationException">Neither a status nor "pending" or "all".</exception>
    public static IReadOnlyList<FlagStatus>? ParseFilter(string? text) => (text ?? "").Trim().ToUpperInvariant() switch
    {
        "" or "PENDING" => Pending,
        "ALL" => null,
        _ when TryParse(text, out var status) => [status],
        _ => throw new DomainValidationException($"unknown status '{text}' (expected one of: {string.Join(", ", FilterCodes)})"),
    };
}
