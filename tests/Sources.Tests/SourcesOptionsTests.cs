using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SocialWatch.Sources.Tests;

public sealed class SourcesOptionsTests
{
    private static SourcesOptions Resolve(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var services = new ServiceCollection().AddLogging().AddSources(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<SourcesOptions>>().Value;
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = Resolve([]);

        Assert.Equal(40, options.Mastodon.PageSize);
        Assert.False(options.X.Enabled);
    }

    [Fact]
    public void Bad_values_are_reported_by_their_keys_all_at_once()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?>
        {
            ["Sources:Mastodon:PageSize"] = "80",
            ["Sources:Bluesky:BaseUrl"] = "ftp://bsky.example",
            ["Sources:X:Resilience:BreakerMinimumThroughput"] = "1",
        }));

        Assert.Contains("Sources:Mastodon:PageSize must be between 1 and 40", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sources:Bluesky:BaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sources:X:Resilience:BreakerMinimumThroughput", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evidence_settings_default_to_ten_megabytes_and_bad_ones_name_their_keys()
    {
        static Evidence.EvidenceOptions Evidence(Dictionary<string, string?> values)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
            using var services = new ServiceCollection().AddLogging().AddSources(configuration).BuildServiceProvider();
            return services.GetRequiredService<IOptions<Evidence.EvidenceOptions>>().Value;
        }

        Assert.Equal(10 * 1024 * 1024, Evidence([]).MaxMediaBytes);
        var error = Assert.Throws<OptionsValidationException>(() => Evidence(new Dictionary<string, string?>
        {
            ["Evidence:MaxMediaBytes"] = "0",
            ["Evidence:Resilience:MaxRetries"] = "-1",
        }));
        Assert.Contains("Evidence:MaxMediaBytes must be between 1024 and 104857600 (got 0)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Evidence:Resilience:MaxRetries", error.Message, StringComparison.Ordinal);
    }
}
