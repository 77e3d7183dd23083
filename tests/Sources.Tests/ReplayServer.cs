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

/// <summary>A request the replay server received, with when it arrived.</summary>
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

    public static async Task<ReplayServer> StartAsync(Func<HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        ReplayServer? server = null;
        app.Run(async context =>
        {
            server!.requests.Enqueue(new RecordedRequest(
                context.Request.Path + context.Request.QueryString,
                DateTimeOffset.UtcNow,
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
