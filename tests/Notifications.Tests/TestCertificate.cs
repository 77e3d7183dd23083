using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SocialWatch.Testing;

namespace SocialWatch.Notifications.Tests;

/// <summary>A self-signed server certificate for 127.0.0.1, made at test time and written as PEM files.</summary>
internal sealed class TestCertificate : IDisposable
{
    private readonly TempDirectory folder = new();

    public TestCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public string CertificatePath => folder.File("server.crt");
    public string KeyPath => folder.File("server.key");

    public void Dispose() => folder.Dispose();
}
