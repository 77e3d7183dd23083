using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SocialWatch.Notifications;

/// <summary>
/// Sends each message over its own SMTP connection (MailKit): STARTTLS when <see cref="MailOptions.StartTls"/>, then
/// AUTH when a user name is set. A digest run sends a handful of messages, so a fresh connection per message costs
/// little and keeps one broken session from failing the messages after it.
/// </summary>
public sealed class SmtpDelivery(MailOptions options) : IMailDelivery, IDisposable
{
    private readonly string host = options.Host ?? throw new ArgumentException("Mail:Host is not set", nameof(options));
    private readonly X509Certificate2? trustedRoot = string.IsNullOrEmpty(options.TrustedCertificateFile)
        ? null
        : X509CertificateLoader.LoadCertificateFromFile(options.TrustedCertificateFile);

    public async Task DeliverAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { ServerCertificateValidationCallback = IsTrusted };
        await client.ConnectAsync(host, options.Port, options.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
        }
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    /// <summary>
    /// A certificate the system trusts passes. Otherwise only a chain ending at the configured root does, and only
    /// when the name matches: no setting accepts every certificate.
    /// </summary>
    private bool IsTrusted(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (trustedRoot is null || certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(trustedRoot);
        // A private CA or a self-signed server certificate publishes no revocation list; trusting it is the setting's choice.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        foreach (var element in chain?.ChainElements.AsEnumerable() ?? [])
        {
            custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        var presented = certificate as X509Certificate2;
        using var loaded = presented is null ? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()) : null;
        return custom.Build(presented ?? loaded!);
    }

    public void Dispose() => trustedRoot?.Dispose();
}
