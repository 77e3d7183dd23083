namespace SocialWatch.Core.Domain;

/// <summary>
/// BPS/Kemendagri region codes: two digits for a province ("32" Jawa Barat), then two more for a regency or city
/// inside it ("32.73" Kota Bandung). Villages and districts are not needed: contests are held per province,
/// regency or city.
/// </summary>
public static class RegionCodes
{
    public static bool IsValid(string? code) =>
        code is { Length: 2 or 5 } && char.IsAsciiDigit(code[0]) && char.IsAsciiDigit(code[1])
        && (code.Length == 2 || (code[2] == '.' && char.IsAsciiDigit(code[3]) && char.IsAsciiDigit(code[4])));

    /// <summary>The trimmed code, or null for an empty one.</summary>
    /// <exception cref="DomainValidationException">The code is not of the form "32" or "32.73".</exception>
    public static string? Normalize(string? code)
    {
        var clean = (code ?? "").Trim();
        if (clean.Length == 0)
        {
            return null;
        }
        return IsValid(clean) ? clean : throw new DomainValidationException($"region code '{clean}' is not a BPS/Kemendagri code such as 32 (province) or 32.73 (regency or city)");
    }
}
