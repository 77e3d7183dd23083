namespace SocialWatch.Web.Rendering;

/// <summary>Decides whether a stored URL may become a link: only absolute http and https URLs do.</summary>
public static class SafeLink
{
    public static Uri? TryHttp(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;
}
