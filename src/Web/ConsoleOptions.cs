using System.ComponentModel.DataAnnotations;

namespace SocialWatch.Web;

/// <summary>
/// The console's settings, section <c>Console</c>:
/// <code>
/// "Console": { "Urls": "http://127.0.0.1:5080", "MaxFailedSignIns": 5, "LockoutMinutes": 15, "PageSize": 50,
///              "ChromiumPath": "/usr/bin/chromium", "PdfTimeoutSeconds": 60 }
/// </code>
/// </summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>Where Kestrel listens, ';'-separated. Loopback by default: exposing the console is a deliberate choice.</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Failed sign-ins in a row after which an account is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Queue rows per page.</summary>
    [Range(5, 500)]
    public int PageSize { get; set; } = 50;

    /// <summary>How long a signed-in session lasts without activity.</summary>
    [Range(5, 24 * 60)]
    public int SessionMinutes { get; set; } = 120;

    /// <summary>The Chromium that prints case reports to PDF (Debian's chromium package by default).</summary>
    [Required]
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>How long one PDF may take before the request gives up.</summary>
    [Range(5, 600)]
    public int PdfTimeoutSeconds { get; set; } = 60;
}
