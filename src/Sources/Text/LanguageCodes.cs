namespace SocialWatch.Sources.Text;

/// <summary>Language tags as the platforms send them, made comparable: X and old feeds use "in" for Indonesian.</summary>
public static class LanguageCodes
{
    public static string? Normalise(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        tag = tag.Trim();
        // X marks undetermined text "und" and media-only or hashtag-only posts "qme", "qht", …: no language.
        if (tag.Equals("und", StringComparison.OrdinalIgnoreCase) || (tag.Length == 3 && tag.StartsWith('q')))
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
