using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SocialWatch.Web;

/// <summary>
/// Serves the console's one stylesheet and one script from embedded resources, so the library needs no static
/// web asset pipeline in the host and the content security policy can forbid every inline script and style.
/// </summary>
internal static class ConsoleAssets
{
    private static readonly (string Path, string Resource, string ContentType)[] Assets =
    [
        ("/assets/console.css", "console.css", "text/css; charset=utf-8"),
        ("/assets/console.js", "console.js", "text/javascript; charset=utf-8"),
    ];

    /// <summary>The stylesheet's text, inlined into documents printed to PDF (which load nothing).</summary>
    public static string Css { get; } = System.Text.Encoding.UTF8.GetString(Load("console.css"));

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var (path, resource, contentType) in Assets)
        {
            var bytes = Load(resource);
            app.MapGet(path, () => Results.Bytes(bytes, contentType)).AllowAnonymous();
        }
    }

    private static byte[] Load(string name)
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var resourceName = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Assets." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
