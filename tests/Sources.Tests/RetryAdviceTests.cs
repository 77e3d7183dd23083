using System.Net;
using SocialWatch.Sources.Http;

namespace SocialWatch.Sources.Tests;

public sealed class RetryAdviceTests
{
    private static readonly DateTimeOffset Now = new(2026, 8, 24, 10, 0, 0, TimeSpan.Zero);

    private static HttpResponseMessage Response(HttpStatusCode status, string header, string value)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.TryAddWithoutValidation(header, value);
        return response;
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "Retry-After", "120", 120)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "Retry-After", "Mon, 24 Aug 2026 10:00:30 GMT", 30)]
    [InlineData(HttpStatusCode.TooManyRequests, "Retry-After", "Mon, 24 Aug 2026 09:59:00 GMT", 0)]
    [InlineData(HttpStatusCode.TooManyRequests, "X-RateLimit-Reset", "2026-08-24T10:15:00.000000Z", 900)]
    [InlineData(HttpStatusCode.TooManyRequests, "x-rate-limit-reset", "1787565900", 300)]
    [InlineData(HttpStatusCode.TooManyRequests, "RateLimit-Reset", "1787565645", 45)]
    [InlineData(HttpStatusCode.TooManyRequests, "RateLimit-Reset", "45", 45)]
    public void Reads_the_wait_the_server_asks_for(HttpStatusCode status, string header, string value, int seconds)
    {
        using var response = Response(status, header, value);

        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAdvice.AdvisedWait(response, Now));
    }

    [Fact]
    public void Reset_headers_only_count_on_a_429_and_nonsense_is_ignored()
    {
        using var ok = Response(HttpStatusCode.OK, "X-RateLimit-Reset", "2026-08-24T10:15:00.000000Z");
        using var nonsense = Response(HttpStatusCode.TooManyRequests, "X-RateLimit-Reset", "besok pagi");

        Assert.Null(RetryAdvice.AdvisedWait(ok, Now));
        Assert.Null(RetryAdvice.AdvisedWait(nonsense, Now));
    }
}
