using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Telemetry;
using SocialWatch.Sources.Tests;
using SocialWatch.Testing;

namespace SocialWatch.Worker.Tests;

public sealed class TelemetryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const string FlagText = "Ayo coblos paslon nomor 2 di TPS, menangkan Bu Ratna jadi bupati!";

    [Fact]
    public async Task A_polling_round_moves_the_counters_the_latency_histogram_and_the_backlog()
    {
        await using var server = await ReplayServer.StartAsync(context => context.Request.Path.Value!.Contains("/110000000000000002/", StringComparison.Ordinal)
            ? Reply.Json(context, """{"error":"internal"}""", 500)
            : Reply.Json(context, $"[{Status("113000000000000002", FlagText)},{Status("113000000000000001", "Info layanan posyandu hari Rabu.")}]"));
        await using var database = await TempDatabase.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Sources:Mastodon:BaseUrl"] = server.BaseUrl.AbsoluteUri,
            ["Sources:Mastodon:ResolveHomeInstance"] = "false",
            ["Sources:Mastodon:Resilience:MaxRetries"] = "0",
            ["Ingestion:Platforms:Mastodon:Jitter"] = "00:00:00",
        });
        await database.Get<IAgencyRepository>().AddAsync("KOTAMAJU", "Pemerintah Kota Maju");
        for (var n = 1; n <= 2; n++)
        {
            await database.Get<IStaffRepository>().AddAsync(new NewStaffMember(SampleRegistry.Nip(n), $"Pegawai {n}", null, "KOTAMAJU"));
            await database.Get<IAccountRepository>().AddAsync(new NewAccount(Platform.Mastodon, $"pegawai{n}", SampleRegistry.Nip(n), $"11000000000000000{n}"));
        }
        var due = await database.Get<IAccountRepository>().ListAsync();
        using var listener = new Measurements(database.Get<IMeterFactory>());

        await PollAsync(database, due);
        listener.Collect();
        var first = listener.Snapshot();
        await PollAsync(database, due); // the same statuses again: nothing new is stored or flagged
        listener.Collect();
        var second = listener.Snapshot();

        Assert.Equal(2, first.Sum("socialwatch.posts.ingested"));
        Assert.Equal(1, first.Sum("socialwatch.flags.raised"));
        Assert.Equal(1, first.Sum("socialwatch.poll.failures"));
        Assert.Equal(["mastodon|transient"], first.Tags("socialwatch.poll.failures", "platform", "kind"));
        Assert.Equal(2, first.Count("socialwatch.classify.duration"));
        Assert.All(first.Values("socialwatch.classify.duration"), v => Assert.True(v > 0));
        Assert.Equal(1, first.Last("socialwatch.queue.backlog"));
        Assert.Equal((2, 1, 2), (second.Sum("socialwatch.posts.ingested"), second.Sum("socialwatch.flags.raised"), second.Sum("socialwatch.poll.failures")));
        Assert.Equal(4, second.Count("socialwatch.classify.duration"));
        Assert.Equal(1, second.Last("socialwatch.queue.backlog"));
    }

    [Fact]
    public async Task The_Prometheus_endpoint_serves_the_metrics_when_enabled_and_is_absent_by_default()
    {
        await using var database = await TempDatabase.CreateAsync();
        var (_, _, account) = await SampleRegistry.AddAccountAsync(database);
        var at = DateTimeOffset.UtcNow;
        var stored = await database.Get<IPostRepository>().StoreAsync(account.Id, SamplePosts.Fetched("p1", FlagText), at);
        var classification = await database.Get<IClassificationRepository>().SaveAsync(stored.Post.Id, stored.Post.Version, SamplePosts.Classified(Label.Endorse), at);
        await database.Get<IFlagRepository>().CreateIfAbsentAsync(stored.Post.Id, classification.Id, Label.Endorse, 0.9, at);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        string enabledBody;
        using (var enabled = WorkerProcess.Start(database.DataDirectory, $"--Storage:DataDirectory={database.DataDirectory}", "--Telemetry:Prometheus:Enabled=true"))
        {
            var address = await enabled.WaitForAddressAsync(Patience);
            using var response = await client.GetAsync(new Uri(address, "/metrics"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            enabledBody = await response.Content.ReadAsStringAsync();
        }
        HttpStatusCode disabledStatus;
        using (var disabled = WorkerProcess.Start(database.DataDirectory, $"--Storage:DataDirectory={database.DataDirectory}"))
        {
            var address = await disabled.WaitForAddressAsync(Patience);
            using var response = await client.GetAsync(new Uri(address, "/metrics"));
            disabledStatus = response.StatusCode;
        }

        Assert.Contains("socialwatch_queue_backlog 1", enabledBody.Replace("{otel_scope_name=\"SocialWatch\"}", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("# TYPE socialwatch_queue_backlog gauge", enabledBody, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, disabledStatus);
    }

    [Fact]
    public async Task Bad_telemetry_settings_stop_start_up_naming_each_key()
    {
        using var directory = new TempDirectory();
        using var worker = WorkerProcess.Start(directory.Path, $"--Storage:DataDirectory={directory.Path}",
            "--Telemetry:Otlp:Protocol=udp", "--Telemetry:Prometheus:Path=metrics");

        Assert.Equal(2, await worker.WaitForExitAsync(Patience));
        Assert.Contains("Telemetry:Otlp:Protocol 'udp' is not supported (expected: grpc or http/protobuf)", worker.Error, StringComparison.Ordinal);
        Assert.Contains("Telemetry:Prometheus:Path 'metrics' must be a path such as /metrics", worker.Error, StringComparison.Ordinal);
    }

    private static async Task PollAsync(TempDatabase database, IReadOnlyList<WatchedAccount> due)
    {
        var accounts = new List<WatchedAccount>();
        foreach (var account in due)
        {
            accounts.Add((await database.Get<IAccountRepository>().GetAsync(account.Id))!);
        }
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PollingService>().PollAsync(accounts, new IngestionTotals(), onPolled: null, default);
    }

    private static string Status(string id, string text) => $$"""
        {"id":"{{id}}","created_at":"2026-11-01T08:00:00.000Z","visibility":"public","language":"id","url":"https://sosial.kotamaju.example/@pegawai1/{{id}}",
         "content":"<p>{{text}}</p>","reblog":null,"account":{"id":"110000000000000001","username":"pegawai1","acct":"pegawai1"},
         "media_attachments":[],"mentions":[],"tags":[]}
        """;

    /// <summary>Every measurement of this database's meter (another test's meter in the same process is another scope).</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly List<(string Name, double Value, string[] Tags)> recorded = [];
        private readonly Lock gate = new();

        public Measurements(IMeterFactory scope)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SocialWatchMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i.Name, v, tags));
            listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i.Name, v, tags));
            listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i.Name, v, tags));
            listener.Start();
        }

        public void Collect() => listener.RecordObservableInstruments();

        public Snapshot Snapshot()
        {
            lock (gate)
            {
                return new Snapshot([.. recorded]);
            }
        }

        private void Add(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var pairs = tags.ToArray().Select(t => $"{t.Key}={t.Value}").ToArray();
            lock (gate)
            {
                recorded.Add((name, value, pairs));
            }
        }

        public void Dispose() => listener.Dispose();
    }

    private sealed record Snapshot(List<(string Name, double Value, string[] Tags)> All)
    {
        public IEnumerable<double> Values(string name) => All.Where(m => m.Name == name).Select(m => m.Value);

        public double Sum(string name) => Values(name).Sum();

        public int Count(string name) => Values(name).Count();

        public double Last(string name) => Values(name).Last();

        public string[] Tags(string name, params string[] keys) => [.. All.Where(m => m.Name == name)
            .Select(m => string.Join("|", keys.Select(k => m.Tags.Single(t => t.StartsWith(k + "=", StringComparison.Ordinal))[(k.Length + 1)..]))).Distinct()];
    }
}
