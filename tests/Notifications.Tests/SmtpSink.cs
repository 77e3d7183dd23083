using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SocialWatch.Testing;

namespace SocialWatch.Notifications.Tests;

/// <summary>One message as the SMTP server received it, decoded by Python's email package.</summary>
internal sealed record ReceivedMail(string MailFrom, string[] RcptTos, string From, string To, string Subject, string MessageId,
    string ContentType, Dictionary<string, string> Parts, bool OverTls, string? AuthenticatedAs);

/// <summary>What the server demands: STARTTLS with this certificate, and AUTH with these credentials when a user is given.</summary>
internal sealed record SmtpSinkSecurity(TestCertificate Certificate, string? User = null, string? Password = null);

/// <summary>
/// A real SMTP server (Debian's python3-aiosmtpd, run by smtp_sink.py) on 127.0.0.1. Messages land as JSON files
/// in a temp folder that survives stopping and starting the server, so a test can take it down and bring it back.
/// </summary>
internal sealed class SmtpSink(SmtpSinkSecurity? security = null) : IDisposable
{
    // Debian's interpreter: a python3 earlier on PATH (pyenv) does not see the python3-aiosmtpd package.
    private const string Python = "/usr/bin/python3";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TempDirectory folder = new();
    private Process? server;

    public int Port { get; } = FreePort();

    /// <summary>A loopback port nothing listens on once this returns.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "smtp_sink.py"));
        start.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(folder.Path);
        if (security is not null)
        {
            start.ArgumentList.Add("--cert");
            start.ArgumentList.Add(security.Certificate.CertificatePath);
            start.ArgumentList.Add("--key");
            start.ArgumentList.Add(security.Certificate.KeyPath);
        }
        if (security?.User is { } user)
        {
            start.ArgumentList.Add("--user");
            start.ArgumentList.Add(user);
            start.ArgumentList.Add("--password");
            start.ArgumentList.Add(security.Password ?? "");
        }
        server = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await server.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "listening")
        {
            throw new InvalidOperationException($"the SMTP server did not start: {line} {await server.StandardError.ReadToEndAsync(timeout.Token)}");
        }
    }

    public void Stop()
    {
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
        server?.Dispose();
        server = null;
    }

    public IReadOnlyList<ReceivedMail> Messages => Directory.GetFiles(folder.Path, "*.json")
        .Select(f => JsonSerializer.Deserialize<ReceivedMail>(File.ReadAllText(f), Json)!)
        .ToList();

    public void Dispose()
    {
        Stop();
        folder.Dispose();
    }
}
