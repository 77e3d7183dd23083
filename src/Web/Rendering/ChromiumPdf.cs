using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SocialWatch.Web.Rendering;

/// <summary>
/// Prints an HTML document to PDF with headless Chromium (<c>Console:ChromiumPath</c>, Debian's <c>chromium</c>
/// package by default). The document is written to a private temporary folder and loaded from there, with scripts
/// and every network fetch refused by its own content security policy, so nothing in it can reach out.
/// </summary>
public sealed class ChromiumPdf(IOptions<ConsoleOptions> options, ILogger<ChromiumPdf> logger)
{
    /// <summary>The policy put at the top of every printed document: inline styles only, nothing fetched or run.</summary>
    public const string DocumentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    /// <exception cref="PdfRenderingException">Chromium is missing, failed or timed out; the message says which.</exception>
    public async Task<byte[]> RenderAsync(string html, CancellationToken ct)
    {
        var settings = options.Value;
        if (!File.Exists(settings.ChromiumPath))
        {
            throw new PdfRenderingException($"PDF rendering needs Chromium: Console:ChromiumPath '{settings.ChromiumPath}' does not exist");
        }
        var folder = Directory.CreateTempSubdirectory("socialwatch-pdf-");
        try
        {
            var input = Path.Combine(folder.FullName, "report.html");
            var output = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllTextAsync(input, html, ct);
            var start = new ProcessStartInfo(settings.ChromiumPath)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in Arguments(folder.FullName, input, output))
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start) ?? throw new PdfRenderingException($"could not start {settings.ChromiumPath}");
            var stderr = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.PdfTimeoutSeconds));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                throw new PdfRenderingException($"Chromium did not finish the PDF within Console:PdfTimeoutSeconds ({settings.PdfTimeoutSeconds} s)");
            }
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                var error = await stderr;
                Log.PdfRenderingFailed(logger, process.ExitCode, error.Length > 2000 ? error[^2000..] : error);
                throw new PdfRenderingException($"Chromium exited with {process.ExitCode} without writing the PDF");
            }
            return await File.ReadAllBytesAsync(output, ct);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> Arguments(string folder, string input, string output)
    {
        yield return "--headless";
        yield return "--disable-gpu";
        yield return "--no-first-run";
        yield return "--disable-background-networking";
        yield return "--disable-component-update";
        yield return "--disable-sync";
        yield return "--disable-dev-shm-usage";
        yield return "--no-pdf-header-footer";
        yield return "--user-data-dir=" + Path.Combine(folder, "profile");
        // Chromium's sandbox refuses to run as root (as in containers); the page it loads is our own, script-free.
        if (Environment.UserName == "root")
        {
            yield return "--no-sandbox";
        }
        yield return "--print-to-pdf=" + output;
        yield return new Uri(input).AbsoluteUri;
    }
}

/// <summary>The PDF could not be made; the message is fit to show an officer and names the setting to look at.</summary>
public sealed class PdfRenderingException(string message) : Exception(message);
