using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using MimeKit;
using SocialWatch.Core.Ports;

namespace SocialWatch.Notifications;

/// <summary>
/// Delivers due outbox messages through an <see cref="IMailDelivery"/> (SMTP or a pickup folder) and marks each sent
/// right after its delivery. Any failure of one message (an SMTP reply, DNS, TLS, a refused connection, a bad
/// address) is recorded on it with the next attempt after an exponential backoff, and the loop goes on with the
/// next. The Message-ID derives from the outbox key, so a crash between sending and marking leaves a duplicate that
/// mail clients and the SMTP log recognise.
/// </summary>
public sealed partial class OutboxSender(IOutbox outbox, TimeProvider time, IMailDelivery delivery, MailboxAddress from, ILogger<OutboxSender> logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(6);

    /// <summary>Delivers every due message once; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var sent = 0;
        foreach (var message in await outbox.ListDueAsync(time.GetUtcNow(), 100, ct))
        {
            try
            {
                using var mail = Build(message.Key, message.To, message.Subject, message.HtmlBody, message.TextBody);
                await delivery.DeliverAsync(mail, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var next = time.GetUtcNow() + Backoff(message.Attempts);
                await outbox.MarkFailedAsync(message.Id, $"{ex.GetType().Name}: {ex.Message}", next, ct);
                LogDeliveryFailed(logger, ex, message.Key, message.Attempts + 1, next);
                continue;
            }
            await outbox.MarkSentAsync(message.Id, time.GetUtcNow(), ct);
            LogDelivered(logger, message.Key, message.To);
            sent++;
        }
        return sent;
    }

    /// <summary>1 min, 2, 4, ... capped at 6 hours.</summary>
    public static TimeSpan Backoff(int previousAttempts) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(previousAttempts, 20)));

    /// <summary>The Message-ID (without its angle brackets) of the message stored under <paramref name="key"/>.</summary>
    public static string MessageIdFor(string key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        return $"{hash}@socialwatch.invalid";
    }

    private MimeMessage Build(string key, string to, string subject, string html, string text)
    {
        var mail = new MimeMessage { Subject = subject, MessageId = MessageIdFor(key), Date = time.GetUtcNow() };
        mail.From.Add(from);
        mail.To.Add(MailboxAddress.Parse(to));
        mail.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return mail;
    }

    [LoggerMessage(5101, LogLevel.Information, "Mail {Key} delivered to {To}")]
    private static partial void LogDelivered(ILogger logger, string key, string to);

    [LoggerMessage(5102, LogLevel.Warning, "Mail {Key} not delivered (attempt {Attempt}), next attempt at {NextAttempt:O}")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string key, int attempt, DateTimeOffset nextAttempt);
}
