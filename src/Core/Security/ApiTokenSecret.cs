using System.Security.Cryptography;
using System.Text;

namespace SocialWatch.Core.Security;

/// <summary>
/// Makes API tokens and the hash they are stored and looked up by. A token is 32 random bytes, so a plain SHA-256 is
/// enough at rest (no salt or stretching: there is nothing to guess); the "swt_" prefix lets secret scanners and
/// people recognise one. Lives in Core so the CLI creates tokens the same way as the console.
/// </summary>
public static class ApiTokenSecret
{
    public const string Prefix = "swt_";
    private const int RandomBytes = 32;

    /// <summary>A new token (shown once) and its hash (stored).</summary>
    public static (string Token, string Hash) Create()
    {
        var token = Prefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
        return (token, Hash(token));
    }

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 text.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
