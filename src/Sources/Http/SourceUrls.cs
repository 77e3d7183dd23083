namespace SocialWatch.Sources.Http;

internal static class SourceUrls
{
    /// <summary>A base URL that relative paths extend rather than replace ("http://h/api" + "x" = "http://h/api/x").</summary>
    public static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
