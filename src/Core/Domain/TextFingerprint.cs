using System.Security.Cryptography;
using System.Text;

namespace SocialWatch.Core.Domain;

/// <summary>
/// What makes two posts "the same message" for the queue's near-duplicate groups: the words and numbers, in lower
/// case, without links, @mentions, the # of hashtags, punctuation, emoji or spacing. A campaign text pasted by several
/// accounts, each adding a link or a mention or changing a comma, gets one fingerprint; a ballot number changed does
/// not. Short texts ("Setuju!") get none: they would group posts that only share a word.
/// </summary>
public static class TextFingerprint
{
    /// <summary>Shortest normalised text that gets a fingerprint.</summary>
    public const int MinLength = 24;

    public static string? Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var normal = Normalise(text);
        return normal.Length < MinLength ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normal)))[..32];
    }

    /// <summary>The text as compared: words and numbers, lower case, single spaces.</summary>
    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith('@') || token.Contains("://", StringComparison.Ordinal) || token.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var wordStarted = false;
            foreach (var c in token)
            {
                if (char.IsLetterOrDigit(c))
                {
                    if (!wordStarted && builder.Length > 0)
                    {
                        builder.Append(' ');
                    }
                    builder.Append(char.ToLowerInvariant(c));
                    wordStarted = true;
                }
                else
                {
                    wordStarted = false;
                }
            }
        }
        return builder.ToString();
    }
}
