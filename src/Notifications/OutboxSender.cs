using System.Net.Mail;
using System.Net.Mime;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using SocialWatch.Core.Ports;

namespace SocialWatch.Notifications;

/// <summary>
/// Delivers due outbox messages, over SMTP or into a pickup folder as .eml files, and marks each sent right after
/// its transaction. Failures are retried with exponential backoff. The Message-ID derives from the outbox key, so a
/// crash between sending and marking leaves a duplicate that mail clients and the SMTP log recognise.
/// </summary>
public sealed partial class OutboxSender(IOutbox outbox, TimeProvider time, Func<SmtpClient> createClient, string from, ILogger<OutboxSender> logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(6);

    /// <summary>Delivers every due message once; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var sent = 0;
        foreach (var message in await outbox.ListDueAsync(time.GetUtcNow(), 100, ct))
        {
            using var mail = Build(message.Key, message.To, message.Subject, message.HtmlBody, message.TextBody);
            try
            {
                using var client = createClient();
                await client.SendMailAsync(mail, ct);
            }
            catch (SmtpException ex)
            {
                var next = time.GetUtcNow() + Backoff(message.Attempts);
                await outbox.MarkFailedAsync(message.Id, ex.Message, next, ct);
                LogDeliveryFailed(logger, message.Key, message.Attempts + 1, next, ex.Message);
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

    public static string MessageIdFor(string key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        return $"<{hash}@socialwatch.invalid>";
    }

    private MailMessage Build(string key, string to, string subject, string html, string text)
    {
        var mail = new MailMessage(from, to) { Subject = subject, SubjectEncoding = Encoding.UTF8 };
        mail.Headers.Add("Message-ID", MessageIdFor(key));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(text, Encoding.UTF8, MediaTypeNames.Text.Plain));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(html, Encoding.UTF8, MediaTypeNames.Text.Html));
        return mail;
    }

    /// <summary>The embedded default: every message becomes an .eml file in the folder.</summary>
    public static Func<SmtpClient> PickupFolder(string folder) => () =>
    {
        Directory.CreateDirectory(folder);
        return new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = folder };
    };

    public static Func<SmtpClient> Smtp(string host, int port, bool startTls, string? user, string? password) => () =>
    {
        var client = new SmtpClient(host, port) { EnableSsl = startTls, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(user))
        {
            client.Credentials = new System.Net.NetworkCredential(user, password);
        }
        return client;
    };

    [LoggerMessage(5001, LogLevel.Information, "Mail {Key} delivered to {To}")]
    private static partial void LogDelivered(ILogger logger, string key, string to);

    [LoggerMessage(5002, LogLevel.Warning, "Mail {Key} not delivered (attempt {Attempt}), next attempt at {NextAttempt:O}: {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, string key, int attempt, DateTimeOffset nextAttempt, string error);
}
