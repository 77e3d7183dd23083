using Microsoft.Extensions.Logging;

namespace SocialWatch.Web;

/// <summary>The console's log messages, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Review console listening on {Address}")]
    public static partial void ConsoleListening(ILogger logger, string address);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Chromium exited with {ExitCode} while printing a case report; its error output: {Error}")]
    public static partial void PdfRenderingFailed(ILogger logger, int exitCode, string error);
}
