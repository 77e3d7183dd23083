using Microsoft.Extensions.Options;
using SocialWatch.Core.Digest;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Notifications.Tests;

/// <summary>The digest delivered over SMTP to a real server (python3-aiosmtpd) on 127.0.0.1.</summary>
public sealed class SmtpDeliveryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 23, 0, 0, TimeSpan.Zero); // 06:00 WIB on 21 Nov

    private static Dictionary<string, string?> MailSettings(SmtpSink smtp) => new()
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:StartTls"] = "false",
        ["Mail:From"] = "socialwatch@kotamaju.example",
        ["Digest:PublicBaseUrl"] = "https://konsol.kotamaju.example",
    };

    private static DigestSettings Settings(TempDatabase database) => database.Get<IOptions<DigestOptions>>().Value.ToSettings();

    [Fact]
    public async Task Digest_arrives_with_recipient_subject_both_parts_console_links_and_escaped_post_text()
    {
        using var smtp = new SmtpSink();
        await smtp.StartAsync();
        var time = new ManualTimeProvider(T0);
        await using var database = await TempDatabase.CreateAsync(time, MailSettings(smtp));
        var (_, flagId) = await DigestSeed.OfficerWithFlagAsync(database, "Ayo <script>alert(1)</script> & coblos 02", T0.AddHours(-3));

        Assert.Equal(1, await database.Get<DigestRun>().BuildDueAsync(Settings(database), default));
        Assert.Equal(1, await database.Get<OutboxSender>().SendDueAsync(default));

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["siti@kotamaju.example"], mail.RcptTos);
        Assert.Equal("socialwatch@kotamaju.example", mail.MailFrom);
        Assert.Contains("1 temuan baru", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("multipart/alternative", mail.ContentType);
        Assert.Equal(OutboxSender.MessageIdFor("digest:1:2026-11-21"), mail.MessageId);
        var html = mail.Parts["text/html"];
        var text = mail.Parts["text/plain"];
        Assert.Contains($"href=\"https://konsol.kotamaju.example/flags/{flagId}\"", html, StringComparison.Ordinal);
        Assert.Contains($"https://konsol.kotamaju.example/flags/{flagId}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; coblos 02", html, StringComparison.Ordinal);
        Assert.Contains("Siti &lt;Petugas&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Ayo <script>alert(1)</script> & coblos 02", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_down_at_send_time_is_retried_after_the_backoff_and_delivered_exactly_once()
    {
        using var smtp = new SmtpSink(); // not started: nothing listens on its port yet
        var time = new ManualTimeProvider(T0);
        await using var database = await TempDatabase.CreateAsync(time, MailSettings(smtp));
        await DigestSeed.OfficerWithFlagAsync(database, "Coblos nomor 2 ya", T0.AddHours(-1));
        await database.Get<DigestRun>().BuildDueAsync(Settings(database), default);
        var sender = database.Get<OutboxSender>();
        var outbox = database.Get<IOutbox>();

        Assert.Equal(0, await sender.SendDueAsync(default));
        var failed = Assert.Single(await outbox.ListDueAsync(T0.AddDays(1), 10));
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(T0.AddMinutes(1), failed.NextAttemptAt);
        Assert.NotNull(failed.LastError);

        await smtp.StartAsync();
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await sender.SendDueAsync(default)); // still inside the backoff
        Assert.Empty(smtp.Messages);

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await sender.SendDueAsync(default));
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await sender.SendDueAsync(default));
        Assert.Single(smtp.Messages);
        Assert.Empty(await outbox.ListDueAsync(time.GetUtcNow().AddDays(1), 10));
    }

    [Fact]
    public async Task A_restart_between_building_and_sending_still_delivers_exactly_once()
    {
        using var smtp = new SmtpSink();
        await smtp.StartAsync();
        var time = new ManualTimeProvider(T0);
        await using var before = await TempDatabase.CreateAsync(time, MailSettings(smtp));
        await DigestSeed.OfficerWithFlagAsync(before, "Coblos nomor 2 ya", T0.AddHours(-1));
        Assert.Equal(1, await before.Get<DigestRun>().BuildDueAsync(Settings(before), default));

        // The service stops after building; a new one (new container, same database file) takes over.
        var settings = MailSettings(smtp);
        settings["Storage:DataDirectory"] = before.DataDirectory;
        await using var after = await TempDatabase.CreateAsync(time, settings);
        Assert.Equal(0, await after.Get<DigestRun>().BuildDueAsync(Settings(after), default));
        Assert.Equal(1, await after.Get<OutboxSender>().SendDueAsync(default));
        Assert.Equal(0, await after.Get<OutboxSender>().SendDueAsync(default));
        Assert.Equal(0, await before.Get<OutboxSender>().SendDueAsync(default));

        Assert.Single(smtp.Messages);
    }
}
