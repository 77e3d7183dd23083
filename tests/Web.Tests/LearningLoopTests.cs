using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Classifier.Model;
using SocialWatch.Classifier.Text;
using SocialWatch.Classifier.Training;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Learning;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;
using SocialWatch.Hosting;
using SocialWatch.Hosting.Learning;
using SocialWatch.Testing;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Tests;

/// <summary>
/// The learning loop end to end over real SQLite in the real host: posts ingested through the pipeline, a recall
/// sample of what the model did not flag, officers' decisions through the console's review service, the decisions
/// as training examples, a gated retrain, promotion, hot reload in the running host, and a post of the style the old
/// model missed now flagged by the new one, while the old flags keep the model version that raised them.
/// The models are trained on the 40-row fixture corpus, so the test runs in seconds.
/// </summary>
public sealed class LearningLoopTests : IAsyncLifetime
{
    /// <summary>Hashtag-only partisanship: a campaign hashtag on a post about something else (issue 13's "a campaign hashtag alone").</summary>
    private const string Hashtag = "#2019GantiPresiden";

    private static readonly string[] Everyday =
    [
        "Pagi ini sarapan nasi uduk dulu", "Macet parah di jalan tol arah kota", "Hujan deras dari subuh belum berhenti",
        "Ngopi sore di teras kantor sama teman", "Anak-anak libur sekolah hari ini", "Lagi nunggu kereta di stasiun",
        "Alhamdulillah gajian juga akhirnya", "Kucing tetangga main ke rumah lagi", "Senam pagi bareng ibu-ibu RT",
        "Antre bensin panjang banget hari ini", "Masak rendang buat arisan keluarga", "Sepeda baru buat berangkat kerja",
        "Jalan-jalan ke pasar malam sama adik", "Baru selesai rapat anggaran di kantor", "Listrik padam dari jam tujuh",
        "Panen cabai di kebun belakang rumah", "Nonton film horor sampai tengah malam", "Cuci motor dulu sebelum hujan",
        "Belajar bikin kue bolu pertama kali", "Mancing di waduk sama bapak",
    ];

    private static readonly DateOnly Day = new(2026, 11, 2);

    private readonly TempDirectory work = new();
    private TempDatabase database = null!;
    private WebApplicationFactory<Program> factory = null!;
    private string baselineVersion = "";

    public async Task InitializeAsync()
    {
        var corpus = Path.Combine(SettingsFolder.Path, "tests", "Classifier.Tests", "Fixtures", "corpus.jsonl");
        var contests = LexiconDirectory.Load(Path.Combine(SettingsFolder.Path, "data", "contests"));
        var slang = SlangTable.LoadDirectory(Path.Combine(SettingsFolder.Path, "data", "lexicon"));
        var files = LabelledPostReader.ResolveFiles(corpus);
        var bytes = ModelPackage.Serialize(ModelTrainer.Train(LabelledPostReader.Read(files), LabelledPostReader.Fingerprint(files), slang, contests, new TrainingSettings()));
        var baseline = Path.Combine(work.Path, "baseline.zip");
        ModelPackage.Write(bytes, baseline);
        baselineVersion = ModelPackage.VersionOf(bytes);

        var settings = new Dictionary<string, string?>
        {
            ["Classifier:ModelPath"] = baseline,
            ["Learning:TrainingData"] = corpus,
            ["Learning:HeldOutData"] = corpus,
            ["Learning:ChallengeData"] = "",
            ["Learning:ModelDirectory"] = Path.Combine(work.Path, "models"),
            ["Learning:MinDecisions"] = "20",
            ["Learning:ReloadSeconds"] = "1",
            ["Learning:RecallSamplePerDay"] = "200",
            // One officer decides the whole day: a one-person team, whose confirmations are final at once.
            ["Review:RequireSecondReviewer"] = "false",
        };
        database = await TempDatabase.CreateAsync(settings: settings);
        var host = TempDatabase.ConfigurationFor(database.DataDirectory);
        foreach (var (key, value) in settings)
        {
            host[key] = value;
        }
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(host)));
        factory.CreateClient().Dispose(); // starts the host: migrations, the reload poller
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
        work.Dispose();
    }

    private T Service<T>() where T : notnull => factory.Services.GetRequiredService<T>();

    private async Task<IReadOnlyList<IngestOutcome>> IngestAsync(long accountId, IEnumerable<(string Id, string Text)> posts, DateTimeOffset fetchedAt)
    {
        using var scope = factory.Services.CreateScope();
        var pipeline = scope.ServiceProvider.GetRequiredService<PostPipeline>();
        return await pipeline.ProcessAsync([.. posts.Select(p => new AccountPost(accountId, SamplePosts.Fetched(p.Id, p.Text) with { MediaDescriptions = [] }))], fetchedAt, default);
    }

    [Fact]
    public async Task Decisions_on_missed_posts_train_a_promoted_model_that_the_running_host_loads_and_that_flags_the_missed_style()
    {
        var (agency, _, account) = await SampleRegistry.AddAccountAsync(database);
        var officer = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer, "hash", [agency.Id], DateTimeOffset.UnixEpoch);
        var classifier = Service<IPostClassifier>();
        Assert.Equal(baselineVersion, classifier.ModelVersion);
        const string Probe = "Nonton bola bareng bapak-bapak komplek " + Hashtag;
        Assert.False(classifier.Classify(Probe).IsFlag); // the style the old model misses

        // A day of posts: the partisan ones carry only the hashtag, the rest are everyday talk.
        var zone = Service<ReadingTimeZone>();
        var partisan = Everyday.SelectMany((text, i) => new[] { ($"h{i}a", $"{text} {Hashtag}"), ($"h{i}b", $"{Hashtag} {text.ToLowerInvariant()}") }).ToList();
        var everyday = Everyday.Select((text, i) => ($"e{i}", text)).ToList();
        var ingested = await IngestAsync(account.Id, partisan.Concat(everyday), zone.StartOf(Day).AddHours(12));
        var flaggedByBaseline = ingested.Count(o => o.FlagId is not null);

        // The recall sample puts what the model did not flag in front of the officers.
        var sampled = await Service<RecallSampler>().SampleDayAsync(Day, default);
        Assert.Equal(partisan.Count + everyday.Count - flaggedByBaseline, sampled);
        Assert.Equal(0, await Service<RecallSampler>().SampleDayAsync(Day, default)); // a day is sampled once

        var user = new ConsoleUser(officer.Id, officer.UserName, Role.Officer, [agency.Id]);
        var review = factory.Services.CreateScope().ServiceProvider.GetRequiredService<FlagReviewService>();
        var queue = await review.QueryAsync(user, new FlagQuery { PageSize = 500 }, default);
        Assert.Equal(partisan.Count + everyday.Count, queue.TotalCount);
        foreach (var item in queue.Items)
        {
            var detail = (await review.ViewAsync(user, item.Flag.Id, default))!;
            if (detail.FlaggedPost.Text!.Contains(Hashtag, StringComparison.Ordinal))
            {
                await review.DecideAsync(user, item.Flag.Id, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "tagar kampanye", Label.Oppose, default);
            }
            else
            {
                await review.DecideAsync(user, item.Flag.Id, DecisionKind.Dismiss, null, "obrolan sehari-hari", Label.Other, default);
            }
        }
        // Unconfirmed samples count against nobody; the confirmed ones do.
        Assert.Equal(partisan.Count, (await database.Get<IFlagRepository>().ListByStaffAsync(account.StaffId, null)).Count);

        var examples = await Service<DecisionExampleSource>().LoadAsync();
        Assert.Equal((partisan.Count, everyday.Count, 0), (examples.Confirmed, examples.Dismissed, examples.Purged));
        var figures = LearningFigures.From(await Service<IRecallSampleRepository>().GetStatsAsync());
        Assert.NotNull(figures.Recall);
        Assert.True(figures.Recall!.Recall.Value < 0.5, $"recall {figures.Recall.Recall.Value}");

        var outcome = await Service<Retrainer>().RetrainAsync("system", default);

        Assert.True(outcome.Status == RetrainStatus.Promoted, outcome.Message);
        var candidate = outcome.Candidate!;
        var metrics = GateMetrics.Parse(candidate.Metrics)!;
        Assert.Equal(["heldout", "decisions"], metrics.Sets.Select(s => s.Name));
        Assert.True(metrics.Sets[1].Candidate.FlagF1 > metrics.Sets[1].Active.FlagF1, candidate.Metrics);
        Assert.Equal((examples.Examples.Count, candidate.Version), (candidate.DecisionRows + candidate.HeldBackRows, (await Service<IModelRegistry>().GetActiveAsync())!.Version));

        // The running host follows the promotion without a restart.
        for (var i = 0; i < 100 && classifier.ModelVersion != candidate.Version; i++)
        {
            await Task.Delay(200);
        }
        Assert.Equal(candidate.Version, classifier.ModelVersion);
        var probe = (await IngestAsync(account.Id, [("probe", Probe)], zone.StartOf(Day).AddDays(1)))[0];
        Assert.NotNull(probe.FlagId);
        var probeFlag = (await database.Get<IFlagRepository>().GetDetailAsync(probe.FlagId!.Value))!;
        Assert.Equal(candidate.Version, probeFlag.Classification.ModelVersion);
        Assert.False(probeFlag.Flag.IsRecallSample);
        var oldFlag = (await database.Get<IFlagRepository>().GetDetailAsync(queue.Items[^1].Flag.Id))!;
        Assert.Equal(baselineVersion, oldFlag.Classification.ModelVersion);

        // The admin page lists both models with the gate's figures.
        var users = database.Get<IUserRepository>();
        await users.AddAsync("admin", "Admin", "admin@kotamaju.example", Role.Admin, new PasswordHasher(PasswordHasher.MinimumIterations).Hash(ConsoleFixture.Password), [], DateTimeOffset.UnixEpoch);
        using (var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }))
        {
            await ConsoleFixture.PostFormAsync(client, "/signin", "/signin", new() { ["userName"] = "admin", ["password"] = ConsoleFixture.Password });
            var page = await client.GetStringAsync("/admin/models");
            Assert.Contains(candidate.Version, page, StringComparison.Ordinal);
            Assert.Contains(baselineVersion, page, StringComparison.Ordinal);
            Assert.Contains("dipromosikan", page, StringComparison.Ordinal);
            Assert.Contains("decisions", page, StringComparison.Ordinal);
        }

        // Rollback: the shipped model was recorded when first replaced, and activating it brings it back.
        Assert.NotNull(await Service<IModelRegistry>().ActivateAsync(baselineVersion, DateTimeOffset.UtcNow.AddSeconds(1)));
        for (var i = 0; i < 100 && classifier.ModelVersion != baselineVersion; i++)
        {
            await Task.Delay(200);
        }
        Assert.Equal(baselineVersion, classifier.ModelVersion);
    }
}
