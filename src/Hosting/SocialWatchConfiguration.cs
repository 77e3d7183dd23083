using Microsoft.Extensions.Configuration;

namespace SocialWatch.Hosting;

/// <summary>
/// The configuration every host reads, in this order (later wins):
/// the root <c>appsettings.json</c> (copied beside each host's binary), <c>appsettings.{Environment}.json</c>
/// beside it, and environment variables prefixed <c>SOCIALWATCH__</c> (e.g. <c>SOCIALWATCH__Storage__DataDirectory</c>).
/// </summary>
public static class SocialWatchConfiguration
{
    public const string EnvironmentVariablePrefix = "SOCIALWATCH__";

    public static IConfigurationBuilder AddSocialWatchSources(this IConfigurationBuilder builder, string environmentName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var baseDirectory = AppContext.BaseDirectory;
        return builder
            .AddJsonFile(Path.Combine(baseDirectory, "appsettings.json"), optional: false, reloadOnChange: false)
            .AddJsonFile(Path.Combine(baseDirectory, $"appsettings.{environmentName}.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentVariablePrefix);
    }

    /// <summary>The environment name, from SOCIALWATCH_ENVIRONMENT, then DOTNET_ENVIRONMENT, then "Production".</summary>
    public static string EnvironmentName =>
        Environment.GetEnvironmentVariable("SOCIALWATCH_ENVIRONMENT")
        ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
        ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
        ?? "Production";
}
