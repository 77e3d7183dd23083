using System.Net.Http.Headers;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Sources.Evidence;

/// <summary>
/// Fetches a flagged post's media over a resilient HttpClient (the connectors' pipeline, per media host). Only
/// http(s) URLs are fetched; a body over <see cref="EvidenceOptions.MaxMediaBytes"/> is never read past the cap; what is
/// kept must begin like one of <see cref="EvidenceImageTypes.Allowed"/>, whatever the server's Content-Type says.
/// Every failure becomes a skipped item with the reason, so a media server can never stop a flag.
/// </summary>
public sealed class HttpEvidenceFetcher(HttpClient http) : IEvidenceFetcher
{
    public async Task<CollectedMedia> FetchMediaAsync(Platform platform, string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return Skipped(url ?? "", "not an http or https URL");
        }
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/*"));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                return Skipped(url!, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            return EvidenceImageTypes.Sniff(body) is { } type
                ? new CollectedMedia(url!, type, body, null)
                : Skipped(url!, $"not an allowed image type (the server said {response.Content.Headers.ContentType?.MediaType ?? "nothing"})");
        }
        catch (MediaTooLargeException ex)
        {
            return Skipped(url!, "too large: " + ex.Message);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // Network errors, timeouts, an open circuit: recorded on the item, the other media and the flag go on.
            return Skipped(url!, "could not be fetched: " + ex.Message);
        }
    }

    private static CollectedMedia Skipped(string url, string reason) => new(url, null, null, reason);

    /// <summary>
    /// Reads a successful body inside each attempt (so the attempt's timeout covers it and a cut-off body is retried),
    /// stopping at the cap: a declared or actual size over it ends the fetch with <see cref="MediaTooLargeException"/>,
    /// which the pipeline does not retry.
    /// </summary>
    internal sealed class MediaBodyHandler(long maxBytes) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return response;
            }
            try
            {
                if (response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
                {
                    throw new MediaTooLargeException($"{declared} bytes, over Evidence:MaxMediaBytes ({maxBytes})");
                }
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    if (buffer.Length + read > maxBytes)
                    {
                        throw new MediaTooLargeException($"more than {maxBytes} bytes, over Evidence:MaxMediaBytes");
                    }
                    buffer.Write(chunk, 0, read);
                }
                var content = new ByteArrayContent(buffer.ToArray());
                foreach (var header in response.Content.Headers)
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
                response.Content.Dispose();
                response.Content = content;
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }
}

/// <summary>A media body over the cap. Not an I/O failure: the pipeline must not retry it.</summary>
public sealed class MediaTooLargeException(string message) : Exception(message);
