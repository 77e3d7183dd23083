using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SocialWatch.Sources.Tests;

/// <summary>A request the replay server received, with when it arrived (by the server's clock).</summary>
public sealed record RecordedRequest(string PathAndQuery, DateTimeOffset At, string? Authorization, string? IfNoneMatch);

/// <summary>A real Kestrel server on 127.0.0.1 (free port) that answers like a platform, as the test scripts it.</summary>
public sealed class ReplayServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    private ReplayServer(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<RecordedRequest> Requests => requests.ToList();

    /// <summary>Waits (real time, at most 10 s) until the server has received <paramref name="count"/> requests.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (requests.Count < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <param name="clock">Stamps each request; pass the test's fake clock to measure the waits it drives.</param>
    public static async Task<ReplayServer> StartAsync(Func<HttpContext, Task> handler, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        ReplayServer? server = null;
        app.Run(async context =>
        {
            server!.requests.Enqueue(new RecordedRequest(
                context.Request.Path + context.Request.QueryString,
                clock.GetUtcNow(),
                context.Request.Headers.Authorization.FirstOrDefault(),
                context.Request.Headers.IfNoneMatch.FirstOrDefault()));
            await handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new ReplayServer(app, new Uri(address + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Small helpers for answering.</summary>
public static class Reply
{
    public static Task Json(HttpContext context, string body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body);
    }

    public static Task Xml(HttpContext context, string body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml; charset=utf-8";
        return context.Response.WriteAsync(body);
    }

    /// <summary>Promises a long body, sends the start of it, then drops the connection.</summary>
    public static async Task Truncated(HttpContext context, string body)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 3));
        await context.Response.Body.FlushAsync();
        context.Abort();
    }
}
