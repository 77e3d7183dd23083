using Microsoft.AspNetCore.Authorization;

namespace SocialWatch.Web.Security;

/// <summary>
/// Who may do what. Every page and API route names one of these; officers are further limited to the flags of
/// their agencies by <see cref="Review.FlagReviewService"/>, which checks each flag id it is given.
/// </summary>
public static class ConsolePolicies
{
    /// <summary>Queue, flags, dashboard, case reports: everyone signed in (officers and supervisors see only their agencies).</summary>
    public const string ReadFlags = "read-flags";

    /// <summary>Assigning and deciding flags: officers and supervisors. Admins manage the registry, auditors only read.</summary>
    public const string Review = "review";

    /// <summary>The supervisor queue (escalated flags): supervisors only.</summary>
    public const string Supervise = "supervise";

    /// <summary>Agencies, staff, accounts and users, read-only: admins and auditors.</summary>
    public const string ReadRegistry = "read-registry";

    /// <summary>Changing the registry, users and imports: admins only.</summary>
    public const string Administer = "administer";

    /// <summary>The audit log: admins and auditors.</summary>
    public const string ReadAudit = "read-audit";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(ReadFlags, p => p.RequireAuthenticatedUser().RequireRole("admin", "officer", "auditor", "supervisor"));
        options.AddPolicy(Review, p => p.RequireAuthenticatedUser().RequireRole("officer", "supervisor"));
        options.AddPolicy(Supervise, p => p.RequireAuthenticatedUser().RequireRole("supervisor"));
        options.AddPolicy(ReadRegistry, p => p.RequireAuthenticatedUser().RequireRole("admin", "auditor"));
        options.AddPolicy(Administer, p => p.RequireAuthenticatedUser().RequireRole("admin"));
        options.AddPolicy(ReadAudit, p => p.RequireAuthenticatedUser().RequireRole("admin", "auditor"));
        // Anything not marked otherwise needs a signed-in user: a forgotten attribute fails closed.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
