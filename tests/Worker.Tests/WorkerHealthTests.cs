using System.Net;
using SocialWatch.Testing;

namespace SocialWatch.Worker.Tests;

public sealed class WorkerHealthTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Readiness_follows_the_database_down_and_back_while_liveness_stays_up()
    {
        var server = PostgresServer.StartDedicated();
        try
        {
            var schema = await server.CreateSchemaAsync();
            using var directory = new TempDirectory();
            using var worker = WorkerProcess.Start(directory.Path, "--Storage:Provider=postgres",
                $"--Storage:ConnectionString={server.ConnectionString(schema)};Timeout=3", "--Samples:Enabled=false", "--DropFolder:Enabled=false");
            using var http = new HttpClient { BaseAddress = await worker.WaitForAddressAsync(Patience), Timeout = TimeSpan.FromSeconds(30) };

            var readyAtStart = await http.GetAsync("/readyz");
            server.Halt();
            var readyWhileDown = await WaitForAsync(http, "/readyz", HttpStatusCode.ServiceUnavailable);
            var liveWhileDown = await http.GetAsync("/healthz");
            server.Resume();
            var readyAfterwards = await WaitForAsync(http, "/readyz", HttpStatusCode.OK);
            await worker.TerminateAsync();

            Assert.Equal(HttpStatusCode.OK, readyAtStart.StatusCode);
            Assert.Equal("Healthy", await readyAtStart.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileDown);
            Assert.Equal(HttpStatusCode.OK, liveWhileDown.StatusCode);
            Assert.Equal(HttpStatusCode.OK, readyAfterwards);
            Assert.Equal(0, await worker.WaitForExitAsync(Patience));
        }
        finally
        {
            server.Stop();
        }
    }

    /// <summary>Polls an endpoint until it answers with the status (the checks see the outage on their next run).</summary>
    private static async Task<HttpStatusCode> WaitForAsync(HttpClient http, string path, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow + Patience;
        HttpStatusCode last;
        do
        {
            last = (await http.GetAsync(path)).StatusCode;
            if (last == wanted)
            {
                break;
            }
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        return last;
    }
}
