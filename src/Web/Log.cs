using Microsoft.Extensions.Logging;

namespace SocialWatch.Web;

/// <summary>The console's log messages, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Review console listening on {Address}")]
    public static partial void ConsoleListening(ILogger logger, string address);
}
