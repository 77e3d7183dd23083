using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SocialWatch.Core.Digest;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Notifications;
using SocialWatch.Testing;

namespace SocialWatch.Notifications.Tests;

/// <summary>Digest builder, renderer and pickup-folder delivery over a real SQLite file.</summary>
public sealed class DigestTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 23, 0, 0, TimeSpan.Zero); // 06:00 WIB on 21 Nov

    [Fact]
    public async Task Digest_counts_new_flags_since_the_previous_digest_and_escapes_post_text()
    {
        await using var database = await TempDatabase.CreateAsync();
        var (officer, flagId) = await DigestSeed.OfficerWithFlagAsync(database, "Ayo <script>alert(1)</script> & coblos 02", T0.AddHours(-3));
        var builder = new DigestBuilder(database.Get<IFlagRepository>(), database.Get<IJobStateStore>());

        var from = await builder.CoveredFromAsync(officer, T0, TimeSpan.FromDays(1), default);
        var digest = await builder.BuildAsync(officer, new DateOnly(2026, 11, 21), from, T0, 5, TimeSpan.FromDays(7), default);
        Assert.Equal(1, digest.NewCount);
        Assert.Equal(1, digest.OpenBacklog);
        Assert.Equal(flagId, Assert.Single(digest.Top).Flag.Id);
        Assert.Empty(digest.Overdue);

        var rendered = new DigestRenderer("https://console.example/").Render(digest);
        Assert.Contains("1 tanda baru", rendered.Subject, StringComparison.Ordinal);
        Assert.Contains($"href=\"https://console.example/flags/{flagId}\"", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("Siti &lt;Petugas&gt;", rendered.Html, StringComparison.Ordinal);
        Assert.Contains($"https://console.example/flags/{flagId}", rendered.Text, StringComparison.Ordinal);
        // One vocabulary with the console (docs/console.md): "tanda", never "temuan", and the labels in Indonesian.
        Assert.DoesNotContain("temuan baru", rendered.Html + rendered.Text, StringComparison.OrdinalIgnoreCase);
        var label = Assert.Single(digest.Top).Flag.Label;
        Assert.DoesNotContain($">{label.ToCode()} ", rendered.Html, StringComparison.Ordinal);
        Assert.Matches("(mendukung|menentang|kampanye) 0[.,]\\d\\d", rendered.Html);

        await builder.MarkCoveredAsync(DigestBuilder.CoveredUpTo(officer, T0), T0, default);
        var nextFrom = await builder.CoveredFromAsync(officer, T0.AddDays(3), TimeSpan.FromDays(1), default);
        Assert.Equal(T0, nextFrom);
        var next = await builder.BuildAsync(officer, new DateOnly(2026, 11, 24), nextFrom, T0.AddDays(3), 5, TimeSpan.FromDays(7), default);
        Assert.Equal(0, next.NewCount);
        Assert.Equal(1, next.OpenBacklog);
        var late = await builder.BuildAsync(officer, new DateOnly(2026, 11, 29), nextFrom, T0.AddDays(8), 5, TimeSpan.FromDays(7), default);
        Assert.Equal(flagId, Assert.Single(late.Overdue).Flag.Id);
    }

    [Fact]
    public async Task Pickup_folder_receives_each_outbox_message_exactly_once_with_both_parts()
    {
        var time = new FakeTimeProvider(T0);
        await using var database = await TempDatabase.CreateAsync(time);
        using var pickup = new TempDirectory();
        var outbox = database.Get<IOutbox>();
        Assert.True(await outbox.EnqueueAsync("digest:1:2026-11-21", "siti@kotamaju.example", "Ringkasan", "<p>HTML &amp; isi</p>", "teks isi", T0));
        Assert.False(await outbox.EnqueueAsync("digest:1:2026-11-21", "siti@kotamaju.example", "Ringkasan", "<p>lagi</p>", "lagi", T0));

        var sender = new OutboxSender(outbox, time, new PickupFolderDelivery(pickup.Path), MailboxAddress.Parse("socialwatch@kotamaju.example"), NullLogger<OutboxSender>.Instance);
        Assert.Equal(1, await sender.SendDueAsync(default));
        Assert.Equal(0, await sender.SendDueAsync(default));

        var eml = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(pickup.Path, "*.eml")));
        Assert.Contains("To: siti@kotamaju.example", eml, StringComparison.Ordinal);
        Assert.Contains("text/plain", eml, StringComparison.Ordinal);
        Assert.Contains("text/html", eml, StringComparison.Ordinal);
        Assert.Contains(OutboxSender.MessageIdFor("digest:1:2026-11-21"), eml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 8)]
    [InlineData(30, 360)]
    public void Backoff_doubles_from_one_minute_up_to_six_hours(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), OutboxSender.Backoff(attempts));
}
