using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Storage;
using SocialWatch.Testing;

namespace SocialWatch.Cli.Tests;

/// <summary><c>posts failed</c> and <c>posts quarantined</c>: what ingestion could not finish, for admins.</summary>
public sealed class PostsCommandTests
{
    [Fact]
    public async Task Lists_posts_without_a_verdict_and_quarantined_payloads_as_tables_and_json()
    {
        await using var cli = new CliHarness();
        await cli.Database.Get<IDatabaseMigrator>().MigrateAsync();
        var (_, _, account) = await SampleRegistry.AddAccountAsync(cli.Database, handle: "rina_asn");
        var at = new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);
        await cli.Database.Get<IIngestionStore>().StoreAsync(
            [new IngestItem(account.Id, SamplePosts.Fetched("113000000000000042", "pilih nomor 0️⃣ ya"), null, Failure: new ClassificationFailure("lr-1.abc", "System.Collections.Generic.KeyNotFoundException: 0"))], at);
        await cli.Database.Get<IPostRepository>().QuarantineAsync(Platform.Mastodon, account.Id, """{"id": 7, "content": """, "not valid JSON: end of data", at);

        var failed = await cli.RunAsync("posts", "failed");
        var failedJson = await cli.RunAsync("posts", "failed", "--json");
        var quarantined = await cli.RunAsync("posts", "quarantined");

        Assert.Equal(0, failed.ExitCode);
        Assert.Contains("mastodon @rina_asn", failed.Output, StringComparison.Ordinal);
        Assert.Contains("KeyNotFoundException", failed.Output, StringComparison.Ordinal);
        Assert.Contains("1 posts without a verdict", failed.Output, StringComparison.Ordinal);
        Assert.Contains("\"platformPostId\": \"113000000000000042\"", failedJson.Output, StringComparison.Ordinal);
        Assert.Contains("\"model\": \"lr-1.abc\"", failedJson.Output, StringComparison.Ordinal);
        Assert.Equal(0, quarantined.ExitCode);
        Assert.Contains("not valid JSON: end of data", quarantined.Output, StringComparison.Ordinal);
        Assert.Contains("{\"id\": 7, \"content\":", quarantined.Output, StringComparison.Ordinal);
        (await cli.RunAsync("posts", "failed", "--limit", "0")).AssertOneLineError("error: --limit must be at least 1");
    }
}
