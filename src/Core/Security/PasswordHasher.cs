using System.Globalization;
using System.Security.Cryptography;

namespace SocialWatch.Core.Security;

/// <summary>
/// Hashes console passwords with PBKDF2-HMAC-SHA256 and a random salt, in a versioned text format
/// (<c>pbkdf2-sha256$v1$iterations$salt$hash</c>, Base64 parts) so the iteration count can rise later without
/// locking anyone out. Lives in Core so the CLI can create users without referencing ASP.NET.
/// </summary>
public sealed class PasswordHasher
{
    public const int MinimumIterations = 100_000;
    public const int DefaultIterations = 210_000;
    public const int MinimumPasswordLength = 12;

    private const string Prefix = "pbkdf2-sha256";
    private const string Version = "v1";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly int iterations;

    public PasswordHasher(int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinimumIterations);
        this.iterations = iterations;
    }

    /// <exception cref="Domain.DomainValidationException">The password is too short to protect an account.</exception>
    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinimumPasswordLength)
        {
            throw new Domain.DomainValidationException($"the password must have at least {MinimumPasswordLength} characters");
        }
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Prefix, Version, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Checks a password against a stored hash in time that does not depend on where they differ.</summary>
    /// <returns>False for a wrong password and for a stored value that is not a hash this class wrote.</returns>
    public static bool Verify(string password, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(storedHash, out var storedIterations, out var salt, out var expected))
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, storedIterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>True when the stored hash used fewer iterations than this hasher would now.</summary>
    public bool NeedsRehash(string storedHash) =>
        !TryParse(storedHash, out var storedIterations, out _, out _) || storedIterations < iterations;

    private static bool TryParse(string? storedHash, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = [];
        hash = [];
        var parts = (storedHash ?? "").Split('$');
        if (parts.Length != 5 || parts[0] != Prefix || parts[1] != Version
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations < MinimumIterations)
        {
            return false;
        }
        try
        {
            salt = Convert.FromBase64String(parts[3]);
            hash = Convert.FromBase64String(parts[4]);
        }
        catch (FormatException)
        {
            return false;
        }
        return salt.Length >= SaltBytes && hash.Length == HashBytes;
    }
}
