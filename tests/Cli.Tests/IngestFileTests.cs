using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Storage;
using SocialWatch.Testing;

namespace SocialWatch.Cli.Tests;

public sealed class IngestFileTests
{
    private static string Line(string id, string text, string extra = "") =>
        $$"""{"schema":"posts.v1","platform":"mastodon","platform_post_id":"{{id}}","account":{"handle":"rina@kotamaju.example"},"created_at":"2024-11-20T08:00:00+07:00","text":"{{text}}","source":{"tool":"manual","exported_at":"2024-11-25T00:00:00Z"}{{extra}}}""";

    [Fact]
    public async Task Imports_a_file_reports_each_rejected_line_and_marks_posts_the_exporter_saw_deleted()
    {
        await using var cli = new CliHarness();
        await cli.Database.Get<IDatabaseMigrator>().MigrateAsync();
        await SampleRegistry.AddAccountAsync(cli.Database, platform: Platform.Mastodon, handle: "rina@kotamaju.example");
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "export.jsonl");
        await File.WriteAllLinesAsync(file, [
            Line("1", "Selamat pagi, jangan lupa sarapan"),
            Line("2", "Coblos nomor 2 tanggal 27, menangkan paslon kita!", ""","deleted_at":"2024-11-21T10:00:00+07:00" """.TrimEnd()),
            "{ not json",
            Line("3", "Rapat koordinasi jam 9").Replace("rina@kotamaju.example", "orang.lain", StringComparison.Ordinal),
        ]);

        var run = await cli.RunAsync("ingest", "--file", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("export.jsonl: 2 posts read", run.Output, StringComparison.Ordinal);
        Assert.Contains("stored (new)          2", run.Output, StringComparison.Ordinal);
        Assert.Contains("line 3: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("line 4: no registered mastodon account 'orang.lain'", run.Output, StringComparison.Ordinal);
        var posts = cli.Database.Get<IPostRepository>();
        var kept = await posts.GetAsync((await posts.FindIdAsync(Platform.Mastodon, "1")).GetValueOrDefault());
        var deleted = await posts.GetAsync((await posts.FindIdAsync(Platform.Mastodon, "2")).GetValueOrDefault());
        Assert.Null(kept!.DeletedAt);
        Assert.Equal(DateTimeOffset.Parse("2024-11-21T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture), deleted!.DeletedAt);
        Assert.Equal("Coblos nomor 2 tanggal 27, menangkan paslon kita!", deleted.Text); // the evidence stays
    }

    [Fact]
    public async Task Export_platforms_are_platforms_of_their_own_and_one_handle_on_two_of_them_is_two_accounts()
    {
        await using var cli = new CliHarness();
        await cli.Database.Get<IDatabaseMigrator>().MigrateAsync();
        var facebook = await SampleRegistry.AddAccountAsync(cli.Database, platform: Platform.Facebook, handle: "rina.guru");
        var tiktok = await SampleRegistry.AddAccountAsync(cli.Database, platform: Platform.Tiktok, handle: "rina.guru");
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "export.jsonl");
        await File.WriteAllLinesAsync(file, [
            Line("100", "Selamat pagi").Replace("mastodon", "facebook", StringComparison.Ordinal).Replace("rina@kotamaju.example", "rina.guru", StringComparison.Ordinal),
            Line("100", "Video senam pagi").Replace("mastodon", "tiktok", StringComparison.Ordinal).Replace("rina@kotamaju.example", "rina.guru", StringComparison.Ordinal),
            Line("7", "Rapat jam 9").Replace("mastodon", "instagram", StringComparison.Ordinal).Replace("rina@kotamaju.example", "rina.guru", StringComparison.Ordinal),
        ]);

        var run = await cli.RunAsync("ingest", "--file", file);

        Assert.Contains("stored (new)          2", run.Output, StringComparison.Ordinal);
        Assert.Contains("line 3: no registered instagram account 'rina.guru'", run.Output, StringComparison.Ordinal);
        var posts = cli.Database.Get<IPostRepository>();
        var onFacebook = await posts.GetAsync((await posts.FindIdAsync(Platform.Facebook, "100")).GetValueOrDefault());
        var onTiktok = await posts.GetAsync((await posts.FindIdAsync(Platform.Tiktok, "100")).GetValueOrDefault());
        Assert.Equal(("Selamat pagi", facebook.Account.Id), (onFacebook!.Text, onFacebook.AccountId));
        Assert.Equal(("Video senam pagi", tiktok.Account.Id), (onTiktok!.Text, onTiktok.AccountId));
    }
}
