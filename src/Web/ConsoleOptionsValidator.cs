using Microsoft.Extensions.Options;

namespace SocialWatch.Web;

/// <summary>Rejects a <c>Console:Urls</c> that Kestrel could not bind, naming the key, before the host starts.</summary>
internal sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        var failures = new List<string>();
        foreach (var url in SplitUrls(options.Urls))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https"))
            {
                failures.Add($"Console:Urls has '{url}', which is not an http or https URL");
            }
        }
        if (failures.Count == 0 && SplitUrls(options.Urls).Count == 0)
        {
            failures.Add("Console:Urls is empty; give at least one URL such as http://127.0.0.1:5080");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static IReadOnlyList<string> SplitUrls(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
