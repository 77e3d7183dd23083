using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialWatch.Core.Digest;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Notifications.Tests;

/// <summary>The digest delivered over SMTP (MailKit) to a real server (python3-aiosmtpd) on 127.0.0.1.</summary>
public sealed class SmtpDeliveryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 23, 0, 0, TimeSpan.Zero); // 06:00 WIB on 21 Nov

    private static Dictionary<string, string?> MailSettings(int port, string? trust = null, string? user = null, string? password = null) => new()
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Mail:StartTls"] = trust is null ? "false" : "true",
        ["Mail:TrustedCertificateFile"] = trust,
        ["Mail:UserName"] = user,
        ["Mail:Password"] = password,
        ["Mail:From"] = "socialwatch@kotamaju.example",
        ["Digest:PublicBaseUrl"] = "https://konsol.kotamaju.example",
    };

    private static DigestSettings Settings(TempDatabase database) => database.Get<IOptions<DigestOptions>>().Value.ToSettings();

    private static async Task<TempDatabase> DatabaseWithOneDigestAsync(FakeTimeProvider time, Dictionary<string, string?> settings)
    {
        var database = await TempDatabase.CreateAsync(time, settings);
        await DigestSeed.OfficerWithFlagAsync(database, "Coblos nomor 2 ya", T0.AddHours(-1));
        Assert.Equal(1, await database.Get<DigestRun>().BuildDueAsync(Settings(database), default));
        return database;
    }

    [Fact]
    public async Task Digest_arrives_with_recipient_subject_both_parts_console_links_and_escaped_post_text()
    {
        using var smtp = new SmtpSink();
        await smtp.StartAsync();
        var time = new FakeTimeProvider(T0);
        await using var database = await TempDatabase.CreateAsync(time, MailSettings(smtp.Port));
        var (_, flagId) = await DigestSeed.OfficerWithFlagAsync(database, "Ayo <script>alert(1)</script> & coblos 02", T0.AddHours(-3));

        Assert.Equal(1, await database.Get<DigestRun>().BuildDueAsync(Settings(database), default));
        Assert.Equal(1, await database.Get<OutboxSender>().SendDueAsync(default));

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["siti@kotamaju.example"], mail.RcptTos);
        Assert.Equal("socialwatch@kotamaju.example", mail.MailFrom);
        Assert.Contains("1 tanda baru", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("multipart/alternative", mail.ContentType);
        Assert.Equal($"<{OutboxSender.MessageIdFor("digest:1:2026-11-21")}>", mail.MessageId);
        var html = mail.Parts["text/html"];
        var text = mail.Parts["text/plain"];
        Assert.Contains($"href=\"https://konsol.kotamaju.example/flags/{flagId}\"", html, StringComparison.Ordinal);
        Assert.Contains($"https://konsol.kotamaju.example/flags/{flagId}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; coblos 02", html, StringComparison.Ordinal);
        Assert.Contains("Siti &lt;Petugas&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Ayo <script>alert(1)</script> & coblos 02", text, StringComparison.Ordinal);
        Assert.False(mail.OverTls);
    }

    [Fact]
    public async Task Starttls_with_the_trusted_certificate_and_auth_deliver()
    {
        using var certificate = new TestCertificate();
        using var smtp = new SmtpSink(new SmtpSinkSecurity(certificate, "digest-bot", "rahasia-uji"));
        await smtp.StartAsync();
        var time = new FakeTimeProvider(T0);
        await using var database = await DatabaseWithOneDigestAsync(time, MailSettings(smtp.Port, certificate.CertificatePath, "digest-bot", "rahasia-uji"));

        Assert.Equal(1, await database.Get<OutboxSender>().SendDueAsync(default));

        var mail = Assert.Single(smtp.Messages);
        Assert.True(mail.OverTls);
        Assert.Equal("digest-bot", mail.AuthenticatedAs);
        Assert.Equal(["siti@kotamaju.example"], mail.RcptTos);
    }

    [Fact]
    public async Task A_server_certificate_other_than_the_trusted_one_is_refused_and_recorded()
    {
        using var served = new TestCertificate();
        using var trusted = new TestCertificate(); // same name, different key: not the server's
        using var smtp = new SmtpSink(new SmtpSinkSecurity(served));
        await smtp.StartAsync();
        var time = new FakeTimeProvider(T0);
        await using var database = await DatabaseWithOneDigestAsync(time, MailSettings(smtp.Port, trusted.CertificatePath));

        Assert.Equal(0, await database.Get<OutboxSender>().SendDueAsync(default));

        var failed = Assert.Single(await database.Get<IOutbox>().ListDueAsync(T0.AddDays(1), 10));
        Assert.Equal(1, failed.Attempts);
        Assert.StartsWith("SslHandshakeException", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task Refused_credentials_are_recorded_and_nothing_is_sent()
    {
        using var certificate = new TestCertificate();
        using var smtp = new SmtpSink(new SmtpSinkSecurity(certificate, "digest-bot", "rahasia-uji"));
        await smtp.StartAsync();
        var time = new FakeTimeProvider(T0);
        await using var database = await DatabaseWithOneDigestAsync(time, MailSettings(smtp.Port, certificate.CertificatePath, "digest-bot", "salah"));

        Assert.Equal(0, await database.Get<OutboxSender>().SendDueAsync(default));

        var failed = Assert.Single(await database.Get<IOutbox>().ListDueAsync(T0.AddDays(1), 10));
        Assert.StartsWith("AuthenticationException", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task A_refused_connection_is_recorded_on_every_due_message_and_retried_after_the_backoff_exactly_once()
    {
        using var smtp = new SmtpSink(); // not started: nothing listens on its port yet
        var time = new FakeTimeProvider(T0);
        await using var database = await DatabaseWithOneDigestAsync(time, MailSettings(smtp.Port));
        var outbox = database.Get<IOutbox>();
        Assert.True(await outbox.EnqueueAsync("notice:1", "budi@kotamaju.example", "Pemberitahuan", "<p>isi</p>", "isi", T0));
        var sender = database.Get<OutboxSender>();

        Assert.Equal(0, await sender.SendDueAsync(default));
        var failed = await outbox.ListDueAsync(T0.AddDays(1), 10);
        Assert.Equal(2, failed.Count); // the first failure did not stop the loop
        Assert.All(failed, m =>
        {
            Assert.Equal(1, m.Attempts);
            Assert.Equal(T0.AddMinutes(1), m.NextAttemptAt);
            Assert.StartsWith("SocketException", m.LastError, StringComparison.Ordinal);
        });

        await smtp.StartAsync();
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await sender.SendDueAsync(default)); // still inside the backoff
        Assert.Empty(smtp.Messages);

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, await sender.SendDueAsync(default));
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await sender.SendDueAsync(default));
        Assert.Equal(2, smtp.Messages.Count);
        Assert.Empty(await outbox.ListDueAsync(time.GetUtcNow().AddDays(1), 10));
    }

    [Fact]
    public async Task A_message_that_cannot_be_built_is_recorded_and_the_next_one_still_goes()
    {
        using var smtp = new SmtpSink();
        await smtp.StartAsync();
        var time = new FakeTimeProvider(T0);
        await using var database = await TempDatabase.CreateAsync(time, MailSettings(smtp.Port));
        var outbox = database.Get<IOutbox>();
        Assert.True(await outbox.EnqueueAsync("notice:broken", "bukan alamat <", "Rusak", "<p>x</p>", "x", T0));
        Assert.True(await outbox.EnqueueAsync("notice:good", "budi@kotamaju.example", "Baik", "<p>y</p>", "y", T0));

        Assert.Equal(1, await database.Get<OutboxSender>().SendDueAsync(default));

        Assert.Equal(["budi@kotamaju.example"], Assert.Single(smtp.Messages).RcptTos);
        var failed = Assert.Single(await outbox.ListDueAsync(T0.AddDays(1), 10));
        Assert.Equal("notice:broken", failed.Key);
        Assert.StartsWith("ParseException", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_between_building_and_sending_still_delivers_exactly_once()
    {
        using var smtp = new SmtpSink();
        await smtp.StartAsync();
        var time = new FakeTimeProvider(T0);
        var settings = MailSettings(smtp.Port);
        await using var before = await DatabaseWithOneDigestAsync(time, settings);

        // The service stops after building; a new one (new container, same database file) takes over.
        settings["Storage:DataDirectory"] = before.DataDirectory;
        await using var after = await TempDatabase.CreateAsync(time, settings);
        Assert.Equal(0, await after.Get<DigestRun>().BuildDueAsync(Settings(after), default));
        Assert.Equal(1, await after.Get<OutboxSender>().SendDueAsync(default));
        Assert.Equal(0, await after.Get<OutboxSender>().SendDueAsync(default));
        Assert.Equal(0, await before.Get<OutboxSender>().SendDueAsync(default));

        Assert.Single(smtp.Messages);
    }
}
