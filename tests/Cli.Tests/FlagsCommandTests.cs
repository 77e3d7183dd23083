using System.Text.Json;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Storage;
using SocialWatch.Testing;

namespace SocialWatch.Cli.Tests;

/// <summary><c>flags list</c>: a plain table when piped, times in WIB with the zone, JSON with offsets, the console's status names.</summary>
public sealed class FlagsCommandTests
{
    [Fact]
    public async Task Lists_flags_in_the_readers_time_zone_and_accepts_the_consoles_status_names()
    {
        await using var cli = new CliHarness();
        await cli.Database.Get<IDatabaseMigrator>().MigrateAsync();
        var (_, _, account) = await SampleRegistry.AddAccountAsync(cli.Database, handle: "rina_asn");
        var flaggedAt = new DateTimeOffset(2024, 12, 2, 20, 43, 0, TimeSpan.Zero); // 3 Dec 03:43 WIB
        var outcome = (await cli.Database.Get<IIngestionStore>().StoreAsync(
            [new IngestItem(account.Id, SamplePosts.Fetched("1", "Coblos nomor 2 ya", createdAt: flaggedAt.AddMinutes(-5)), SamplePosts.Classified(Label.Endorse))], flaggedAt))[0];
        var officer = await cli.Database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "hash", [], flaggedAt);
        await cli.Database.Get<IFlagRepository>().RecordDecisionAsync(outcome.FlagId!.Value, officer.Id, DecisionKind.Assign, null, null, flaggedAt.AddHours(1));

        await cli.Database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched("1", "Selamat pagi semua", createdAt: flaggedAt.AddMinutes(-5)), flaggedAt.AddHours(2));

        var table = await cli.RunAsync("flags", "list");
        var json = await cli.RunAsync("flags", "list", "--json", "--status", "in_review");
        var pending = await cli.RunAsync("flags", "list", "--status", "pending");
        var closed = await cli.RunAsync("flags", "list", "--status", "dismissed");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("2024-12-03 03:43 WIB", table.Output, StringComparison.Ordinal);
        Assert.Contains("in_review", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("│", table.Output, StringComparison.Ordinal); // a plain table when piped
        var row = Assert.Single(JsonDocument.Parse(json.Output).RootElement.EnumerateArray());
        Assert.Equal("2024-12-03T03:43:00+07:00", row.GetProperty("createdAt").GetString());
        Assert.Equal("in_review", row.GetProperty("status").GetString());
        Assert.Equal("Coblos nomor 2 ya", row.GetProperty("excerpt").GetString()); // the flagged words, not the later edit
        Assert.True(row.GetProperty("editedAfterFlagging").GetBoolean());
        Assert.Equal("Siti", row.GetProperty("assignee").GetString());
        Assert.Contains("[edited after flagging] Coblos nomor 2 ya", table.Output, StringComparison.Ordinal);
        Assert.Contains("1 of 1 flags", pending.Output, StringComparison.Ordinal);
        Assert.Contains("0 of 0 flags", closed.Output, StringComparison.Ordinal);
        (await cli.RunAsync("flags", "list", "--status", "baru")).AssertOneLineError(
            "error: unknown status 'baru' (expected one of: pending, all, open, in_review, confirmed, dismissed, escalated, awaiting_second_review)");
    }
}
