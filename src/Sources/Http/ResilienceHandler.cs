using Polly;
using SocialWatch.Core.Domain;

namespace SocialWatch.Sources.Http;

/// <summary>
/// Runs each request through its platform's pipeline (Microsoft.Extensions.Http.Resilience is not available here).
/// The body is read inside the attempt, so a slow or truncated body is timed out and retried like any failure.
/// </summary>
internal sealed class ResilienceHandler(SourcePipelines pipelines, Platform platform, long maxResponseBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pipeline = pipelines.For(platform, request.RequestUri?.Authority ?? "");
        return await pipeline.ExecuteAsync(
            async ct =>
            {
                var response = await base.SendAsync(request, ct);
                try
                {
                    await response.Content.LoadIntoBufferAsync(maxResponseBytes, ct);
                }
                catch
                {
                    response.Dispose();
                    throw;
                }

                return response;
            },
            cancellationToken);
    }
}
