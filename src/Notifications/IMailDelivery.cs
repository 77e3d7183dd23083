using MimeKit;

namespace SocialWatch.Notifications;

/// <summary>Hands one message over for delivery; throws when it was not accepted.</summary>
public interface IMailDelivery
{
    Task DeliverAsync(MimeMessage message, CancellationToken ct);
}
