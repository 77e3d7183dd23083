namespace SocialWatch.Sources.Http;

/// <summary>
/// Reads the whole body (at most <paramref name="maxResponseBytes"/>) inside the resilience handler, so each attempt's
/// timeout covers the body too and a slow or truncated body is retried like any other failure.
/// </summary>
internal sealed class BufferedBodyHandler(long maxResponseBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(maxResponseBytes, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }
}
