using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;
using SocialWatch.Hosting;
using SocialWatch.Web.Security;
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

    [SkippableFact]
    public async Task Wrong_passwords_on_two_nodes_at_once_all_count_and_the_lock_holds_on_both()
    {
        await using var database = await TempDatabase.CreateAsync(engine);
        await using var first = Node(database.Configuration);
        await using var second = Node(database.Configuration);
        var password = "kata-sandi-yang-benar";
        var user = await database.Get<IUserRepository>().AddAsync("siti", "Siti", "siti@kotamaju.example", Role.Officer,
            new PasswordHasher(PasswordHasher.MinimumIterations).Hash(password), [], DateTimeOffset.UnixEpoch);

        // Six attempts on each node, in flight together; those that read the account after the lock are refused uncounted.
        var attempts = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            await using var scope = (i % 2 == 0 ? first : second).CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SignInService>().SignInAsync("siti", "salah " + i, default);
        }));
        Assert.All(await Task.WhenAll(attempts), Assert.Null);

        var stored = await database.Get<IUserRepository>().GetAsync(user.Id);
        var audited = await database.Get<IAuditLog>().QueryAsync(null, null, "siti", AuditActions.SignInFailed, 0, 100);
        var counted = audited.Where(e => e.Details!.StartsWith("wrong password", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, audited.Count);
        Assert.InRange(stored!.FailedSignIns, 5, 12);
        Assert.Equal(stored.FailedSignIns, counted.Count);
        // Each counted attempt saw its own place in the streak: no two nodes counted the same failure.
        Assert.Equal(Enumerable.Range(1, counted.Count),
            counted.Select(e => int.Parse(Regex.Match(e.Details!, @"\((\d+) in a row\)").Groups[1].Value, CultureInfo.InvariantCulture)).Order());
        Assert.NotNull(stored.LockedUntil);
        foreach (var node in new[] { first, second })
        {
            await using var scope = node.CreateAsyncScope();
            Assert.Null(await scope.ServiceProvider.GetRequiredService<SignInService>().SignInAsync("siti", password, default));
        }
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
