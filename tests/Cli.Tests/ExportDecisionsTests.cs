using System.Text.Json;
using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Storage;
using SocialWatch.Testing;

namespace SocialWatch.Cli.Tests;

/// <summary>
/// `model export-decisions`: each closed flag becomes the label its officer chose, over the flagged version's words;
/// purged posts and unlabelled dismissals are skipped and counted; `model train` reads the file as training data.
/// </summary>
public sealed class ExportDecisionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Exports_the_officers_labels_on_the_flagged_version_and_model_train_accepts_the_file()
    {
        await using var cli = new CliHarness();
        await cli.Database.Get<IDatabaseMigrator>().MigrateAsync();
        var (_, _, account) = await SampleRegistry.AddAccountAsync(cli.Database, handle: "rina_asn");
        var store = cli.Database.Get<IIngestionStore>();
        var flags = cli.Database.Get<IFlagRepository>();
        var officer = await cli.Database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "hash", [], T0);
        async Task<long> FlagAsync(string id, string text) =>
            (await store.StoreAsync([new IngestItem(account.Id, SamplePosts.Fetched(id, text), SamplePosts.Classified(Label.Endorse))], T0))[0].FlagId!.Value;
        var corrected = await FlagAsync("1", "Jangan pilih dia, pemimpin gagal");
        var confirmed = await FlagAsync("2", "Coblos nomor 2 ya");
        var dismissed = await FlagAsync("3", "Rapat koordinasi pemilu di kantor camat");
        var unlabelled = await FlagAsync("4", "Ayo ke TPS tanggal 27");
        var purged = await FlagAsync("5", "Menangkan paslon 1");
        await flags.RecordDecisionAsync(corrected, officer.Id, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "menyerang calon", Label.Oppose, T0.AddHours(1));
        await flags.RecordDecisionAsync(confirmed, officer.Id, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "ajakan", T0.AddHours(2));
        await flags.RecordDecisionAsync(dismissed, officer.Id, DecisionKind.Dismiss, null, "berita netral", Label.Civic, T0.AddHours(3));
        await flags.RecordDecisionAsync(unlabelled, officer.Id, DecisionKind.Dismiss, null, "ajakan netral", T0.AddHours(4));
        await flags.RecordDecisionAsync(purged, officer.Id, DecisionKind.Dismiss, null, "lain", Label.Other, T0.AddHours(5));
        await using (var connection = await cli.Database.Get<DbConnectionFactory>().OpenAsync(default))
        {
            await connection.ExecuteAsync("UPDATE post_versions SET text = NULL, media_descriptions = '[]' WHERE post_id = (SELECT post_id FROM flags WHERE id = @Id)", new { Id = purged });
            await connection.ExecuteAsync("UPDATE posts SET purged_at = 1 WHERE id = (SELECT post_id FROM flags WHERE id = @Id)", new { Id = purged });
        }
        // An edit after flagging: the officer judged the flagged words, and those are what is exported.
        await cli.Database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched("2", "Selamat pagi semua"), T0.AddHours(6));
        var file = Path.Combine(cli.Database.DataDirectory, "decisions.jsonl");

        var run = await cli.RunAsync("model", "export-decisions", "--out", file);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("wrote 3 decisions", run.Output, StringComparison.Ordinal);
        Assert.Contains("(2 confirmed, 1 dismissed); skipped 1 whose text was purged, 1 dismissed without civic or other", run.Output, StringComparison.Ordinal);
        var rows = File.ReadAllLines(file).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(
            [($"flag-{corrected}", "Jangan pilih dia, pemimpin gagal\nFoto kegiatan", "oppose"), ($"flag-{confirmed}", "Coblos nomor 2 ya\nFoto kegiatan", "endorse"), ($"flag-{dismissed}", "Rapat koordinasi pemilu di kantor camat\nFoto kegiatan", "civic")],
            rows.Select(r => (r.GetProperty("id").GetString(), r.GetProperty("text").GetString(), r.GetProperty("label").GetString())));
        Assert.Equal("2026-11-02T02:00:00.000Z", rows[0].GetProperty("decided_at").GetString());
        Assert.Equal("KOTAMAJU", rows[0].GetProperty("agency").GetString());

        var corpus = Path.Combine(AppContext.BaseDirectory, "classifier", "corpus.jsonl");
        var model = Path.Combine(cli.Database.DataDirectory, "m.zip");
        var train = await cli.RunAsync("model", "train", "--data", corpus, "--data", file, "--slang", Path.Combine(AppContext.BaseDirectory, "classifier", "lexicon"), "--out", model);
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("on 43 posts", train.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(model));
    }
}
