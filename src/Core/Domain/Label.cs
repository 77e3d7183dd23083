namespace SocialWatch.Core.Domain;

/// <summary>The labelling guide's five labels (shared/docs/labeling-guide.md). Exactly one per post.</summary>
public enum Label
{
    Endorse,
    Oppose,
    Campaign,
    Civic,
    Other,
}

public static class LabelNames
{
    public static IReadOnlyList<Label> All { get; } = [Label.Endorse, Label.Oppose, Label.Campaign, Label.Civic, Label.Other];

    public static string ToCode(this Label label) => label switch
    {
        Label.Endorse => "endorse",
        Label.Oppose => "oppose",
        Label.Campaign => "campaign",
        Label.Civic => "civic",
        Label.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, null),
    };

    /// <summary>Endorse, oppose and campaign are queued for human review; civic and other are not.</summary>
    public static bool IsFlag(this Label label) => label is Label.Endorse or Label.Oppose or Label.Campaign;

    public static bool TryParse(string? code, out Label label)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToCode(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                label = candidate;
                return true;
            }
        }
        label = default;
        return false;
    }

    /// <exception cref="DomainValidationException">The code names no label.</exception>
    public static Label Parse(string? code) => TryParse(code, out var label)
        ? label
        : throw new DomainValidationException($"unknown label '{code}' (expected endorse, oppose, campaign, civic or other)");
}
