using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using SocialWatch.Core.Digest;
using SocialWatch.Core.Ports;

namespace SocialWatch.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>The digest use case, its renderer and the outbox sender, configured from "Digest" and "Mail".</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DigestOptions>().Bind(configuration.GetSection(DigestOptions.SectionName))
            .PostConfigure(o => o.PublicBaseUrl = string.IsNullOrEmpty(o.PublicBaseUrl) ? configuration["Console:PublicBaseUrl"] ?? "http://127.0.0.1:5080" : o.PublicBaseUrl)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DigestOptions>, DigestOptionsValidator>();
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        services.AddSingleton<IDigestRenderer>(sp => new DigestRenderer(sp.GetRequiredService<IOptions<DigestOptions>>().Value.PublicBaseUrl));
        services.AddSingleton<DigestBuilder>();
        services.AddSingleton<DigestRun>();
        services.AddSingleton<IMailDelivery>(sp =>
        {
            var mail = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            return string.IsNullOrEmpty(mail.Host) ? new PickupFolderDelivery(Path.GetFullPath(mail.PickupDirectory)) : new SmtpDelivery(mail);
        });
        services.AddSingleton(sp => new OutboxSender(sp.GetRequiredService<IOutbox>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IMailDelivery>(),
            MailboxAddress.Parse(sp.GetRequiredService<IOptions<MailOptions>>().Value.From), sp.GetRequiredService<ILogger<OutboxSender>>()));
        return services;
    }
}
