using Microsoft.Extensions.Options;
using MimeKit;
using SocialWatch.Core.Digest;

namespace SocialWatch.Notifications;

/// <summary>"Digest": when and what the nightly digest contains. Environment: SOCIALWATCH__Digest__Cron etc.</summary>
public sealed class DigestOptions
{
    public const string SectionName = "Digest";

    /// <summary>Quartz cron, evaluated in <see cref="TimeZone"/>.</summary>
    public string Cron { get; set; } = "0 0 6 * * ?";
    public string TimeZone { get; set; } = "Asia/Jakarta";
    public int TopCount { get; set; } = 10;
    public int ReviewDeadlineDays { get; set; } = 7;
    /// <summary>True sends a "nothing new" email on an empty night; false sends nothing.</summary>
    public bool SendWhenEmpty { get; set; } = true;
    /// <summary>How far back an officer's first digest looks.</summary>
    public int FirstLookBackHours { get; set; } = 24;
    /// <summary>The console's public address; links are {PublicBaseUrl}/flags/{id}. Defaults to Console:PublicBaseUrl.</summary>
    public string PublicBaseUrl { get; set; } = "";
    /// <summary>Nights missed while the service was down: "single" (one digest covers the gap) or "per-night".</summary>
    public string CatchUp { get; set; } = "single";

    public DigestSettings ToSettings() => new(
        TimeZoneInfo.FindSystemTimeZoneById(TimeZone), TopCount, TimeSpan.FromDays(ReviewDeadlineDays), SendWhenEmpty, TimeSpan.FromHours(FirstLookBackHours),
        ParseCatchUp(CatchUp) ?? DigestCatchUp.OneForTheGap);

    public static DigestCatchUp? ParseCatchUp(string value) => value.ToLowerInvariant() switch
    {
        "single" => DigestCatchUp.OneForTheGap,
        "per-night" => DigestCatchUp.PerNight,
        _ => null,
    };
}

/// <summary>"Mail": SMTP when Host is set, otherwise .eml files in PickupDirectory (the embedded default).</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    public string From { get; set; } = "socialwatch@localhost";
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool StartTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>
    /// A PEM or DER certificate file (a private CA's, or the server's own self-signed certificate) trusted as a root
    /// for the SMTP server's certificate besides the system's roots. The server name must still match.
    /// </summary>
    public string? TrustedCertificateFile { get; set; }
    public string PickupDirectory { get; set; } = "var/mail";
    /// <summary>How often the service delivers due messages and retries failed ones (each waits out its own backoff).</summary>
    public TimeSpan DeliveryInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Names the offending key: a bad time zone, cron or base URL stops the host at start.</summary>
public sealed class DigestOptionsValidator : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            return ValidateOptionsResult.Fail($"Digest:TimeZone '{options.TimeZone}' is not a known time zone (e.g. Asia/Jakarta)");
        }
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return ValidateOptionsResult.Fail($"Digest:PublicBaseUrl (or Console:PublicBaseUrl) '{options.PublicBaseUrl}' must be an absolute http(s) URL");
        }
        if (options.TopCount is < 1 or > 100)
        {
            return ValidateOptionsResult.Fail($"Digest:TopCount {options.TopCount} must be between 1 and 100");
        }
        if (options.ReviewDeadlineDays is < 1 or > 365 || options.FirstLookBackHours is < 1 or > 744)
        {
            return ValidateOptionsResult.Fail("Digest:ReviewDeadlineDays must be 1-365 and Digest:FirstLookBackHours 1-744");
        }
        if (DigestOptions.ParseCatchUp(options.CatchUp) is null)
        {
            return ValidateOptionsResult.Fail($"Digest:CatchUp '{options.CatchUp}' must be 'single' or 'per-night'");
        }
        return ValidateOptionsResult.Success;
    }
}

/// <summary>Names the offending "Mail" key.</summary>
public sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        if (options.Port is < 1 or > 65535)
        {
            return ValidateOptionsResult.Fail($"Mail:Port {options.Port} must be between 1 and 65535");
        }
        if (options.DeliveryInterval < TimeSpan.FromSeconds(1))
        {
            return ValidateOptionsResult.Fail($"Mail:DeliveryInterval must be at least 00:00:01 (was {options.DeliveryInterval})");
        }
        if (!string.IsNullOrEmpty(options.TrustedCertificateFile) && !File.Exists(options.TrustedCertificateFile))
        {
            return ValidateOptionsResult.Fail($"Mail:TrustedCertificateFile '{options.TrustedCertificateFile}' does not exist");
        }
        return MailboxAddress.TryParse(options.From, out var from) && from.Address.Contains('@', StringComparison.Ordinal)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Mail:From '{options.From}' must be an email address");
    }
}
