using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Hosting;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>Two console nodes over one database, as behind a load balancer.</summary>
public abstract class LoadBalancedConsoleTests(DatabaseEngine engine)
{
    [SkippableFact]
    public async Task What_one_node_protects_another_node_reads_and_the_keys_survive_a_restart()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        await using var first = Node(database.Configuration);
        await using var second = Node(database.Configuration);

        var cookie = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("sw.auth").Protect("siti");
        var readOnSecond = second.GetRequiredService<IDataProtectionProvider>().CreateProtector("sw.auth").Unprotect(cookie);
        await using var restarted = Node(database.Configuration);
        var readAfterRestart = restarted.GetRequiredService<IDataProtectionProvider>().CreateProtector("sw.auth").Unprotect(cookie);

        Assert.Equal("siti", readOnSecond);
        Assert.Equal("siti", readAfterRestart);
        Assert.Single(await database.Get<Core.Ports.IDataProtectionKeyStore>().ListAsync());
    }

    private static ServiceProvider Node(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddSocialWatch(configuration);
        services.AddReviewConsole(configuration);
        return services.BuildServiceProvider();
    }
}

public sealed class SqliteLoadBalancedConsoleTests() : LoadBalancedConsoleTests(DatabaseEngine.Sqlite);

public sealed class PostgresLoadBalancedConsoleTests() : LoadBalancedConsoleTests(DatabaseEngine.Postgres);
