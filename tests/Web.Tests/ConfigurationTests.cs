using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("ftp://127.0.0.1:21", "Console:Urls has 'ftp://127.0.0.1:21', which is not an http or https URL")]
    [InlineData(" ; ", "Console:Urls is empty")]
    public async Task A_bad_console_url_stops_the_host_naming_the_key(string urls, string message)
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var factory = new BadConsoleFactory(database.DataDirectory, urls);

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private sealed class BadConsoleFactory(string dataDirectory, string urls) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder.ConfigureAppConfiguration((_, configuration) => configuration
                .AddInMemoryCollection(TempDatabase.ConfigurationFor(dataDirectory))
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Console:Urls"] = urls }));
    }
}
