using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Sources.Tests;

/// <summary>
/// The sample run sets no X token: its X accounts must read "paused: connector disabled", not fail with Error lines
/// and turn red "needs attention".
/// </summary>
public sealed class DisabledConnectorTests
{
    [Fact]
    public async Task An_account_of_a_disabled_connector_is_paused_not_failed_and_an_export_account_is_file_fed()
    {
        await using var database = await TempDatabase.CreateAsync(settings: new Dictionary<string, string?> { ["Sources:X:BearerToken"] = "" });
        var x = (await SampleRegistry.AddAccountAsync(database, platform: Platform.X, handle: "budisantoso_asn")).Account;
        var facebook = (await SampleRegistry.AddAccountAsync(database, nipSequence: 2, platform: Platform.Facebook, handle: "joko.guru")).Account;
        var connectors = database.Get<Connectors>();
        await using var scope = database.Services.CreateAsyncScope();
        var polling = scope.ServiceProvider.GetRequiredService<PollingService>();

        var claimed = await polling.ClaimAllDueAsync(CancellationToken.None);
        var direct = await polling.PollAsync([x], new IngestionTotals(), onPolled: null, CancellationToken.None);

        Assert.Empty(claimed);
        var result = Assert.Single(direct);
        Assert.Equal(PollStatus.Paused, result.Status);
        Assert.Equal("paused: the x connector is disabled by configuration", result.Error);
        var stored = (await database.Get<IAccountRepository>().FindAsync(Platform.X, "budisantoso_asn"))!;
        Assert.Equal((AccountStatus.Active, 0, null), (stored.Status, stored.ConsecutiveFailures, stored.LastError));
        Assert.Equal(AccountActivity.PausedConnectorDisabled, connectors.Activity(stored));
        Assert.Equal(AccountActivity.FileFed, connectors.Activity(facebook));
    }

    [Fact]
    public async Task With_a_token_the_x_connector_polls()
    {
        await using var database = await TempDatabase.CreateAsync(settings: new Dictionary<string, string?> { ["Sources:X:BearerToken"] = "token" });
        var x = (await SampleRegistry.AddAccountAsync(database, platform: Platform.X, handle: "budisantoso_asn")).Account;

        Assert.Equal(AccountActivity.Polled, database.Get<Connectors>().Activity(x));
    }
}
