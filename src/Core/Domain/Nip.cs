using System.Globalization;

namespace SocialWatch.Core.Domain;

/// <summary>
/// Nomor Induk Pegawai: the 18-digit civil-servant number, laid out as birth date (yyyyMMdd), appointment
/// month (yyyyMM), sex (1 or 2) and a 3-digit sequence. We check the layout so a mistyped digit is caught at
/// registration, where it can still be corrected, rather than in a report to an agency.
/// </summary>
public readonly record struct Nip
{
    public string Value { get; }

    private Nip(string value) => Value = value;

    public static bool TryParse(string? text, out Nip nip, out LocalizableMessage? error)
    {
        nip = default;
        var digits = (text ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        if (digits.Length != 18 || !digits.All(char.IsAsciiDigit))
        {
            error = $"NIP '{text}' must be exactly 18 digits";
            return false;
        }
        if (!DateOnly.TryParseExact(digits[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            error = $"NIP '{text}' does not start with a valid birth date (yyyyMMdd)";
            return false;
        }
        if (!DateOnly.TryParseExact(digits[8..14] + "01", "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            error = $"NIP '{text}' has no valid appointment month (yyyyMM) in digits 9-14";
            return false;
        }
        if (digits[14] is not ('1' or '2'))
        {
            error = $"NIP '{text}' has '{digits[14]}' in digit 15, which must be 1 or 2";
            return false;
        }
        nip = new Nip(digits);
        error = null;
        return true;
    }

    /// <exception cref="DomainValidationException">The text is not a well-formed NIP.</exception>
    public static Nip Parse(string? text) =>
        TryParse(text, out var nip, out var error) ? nip : throw new DomainValidationException(error!);

    public override string ToString() => Value;
}
