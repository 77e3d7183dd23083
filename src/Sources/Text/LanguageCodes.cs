namespace SocialWatch.Sources.Text;

/// <summary>Language tags as the platforms send them, made comparable: X and old feeds use "in" for Indonesian.</summary>
public static class LanguageCodes
{
    // "und" (undetermined), "zxx" (no linguistic content) and X's own codes for posts that are only media,
    // hashtags, mentions, cashtags or links carry no language.
    private static readonly HashSet<string> NoLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        "und", "zxx", "qam", "qct", "qht", "qme", "qst",
    };

    public static string? Normalise(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        tag = tag.Trim();
        if (NoLanguage.Contains(tag))
        {
            return null;
        }

        var separator = tag.IndexOfAny(['-', '_']);
        var primary = separator < 0 ? tag : tag[..separator];
        var rest = separator < 0 ? "" : "-" + tag[(separator + 1)..];
        primary = primary.ToLowerInvariant() switch
        {
            "in" => "id",
            var p => p,
        };
        return primary + rest;
    }
}
