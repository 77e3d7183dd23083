using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SocialWatch.Hosting;
using SocialWatch.Notifications;
using SocialWatch.Storage;

namespace SocialWatch.Cli.Tests;

/// <summary>Every host finds the same database, whatever folder it is started from.</summary>
public sealed class DataDirectoryTests
{
    [Fact]
    public void A_checkout_resolves_relative_folders_against_the_root_settings_not_the_current_directory()
    {
        var options = ResolvedOptions(new() { ["Storage:DataDirectory"] = "var", ["Mail:PickupDirectory"] = "var/mail" });

        // The checkout's root is where appsettings.json and the solution live.
        Assert.True(File.Exists(Path.Combine(SettingsFolder.Path, "SocialWatch.sln")), SettingsFolder.Path);
        Assert.Equal(Path.Combine(SettingsFolder.Path, "var", "socialwatch.db"), options.Storage.DatabasePath);
        Assert.Equal(Path.Combine(SettingsFolder.Path, "var", "mail"), options.Mail.PickupDirectory);
        Assert.NotEqual(Path.GetFullPath("var"), Path.GetDirectoryName(options.Storage.DatabasePath));
    }

    [Fact]
    public void An_absolute_folder_is_kept_and_an_empty_one_is_still_named_by_the_validator()
    {
        var absolute = Path.Combine(Path.GetTempPath(), "socialwatch-elsewhere");
        Assert.Equal(absolute, ResolvedOptions(new() { ["Storage:DataDirectory"] = absolute }).Storage.DataDirectory);

        var failure = Assert.Throws<OptionsValidationException>(() => ResolvedOptions(new() { ["Storage:DataDirectory"] = " " }));
        Assert.Contains("Storage:DataDirectory must name a folder", failure.Message);
    }

    [Fact]
    public async Task Verbose_prints_the_database_every_command_uses()
    {
        await using var cli = new CliHarness();

        var run = await cli.RunAsync("agencies", "list", "-v");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"database: {Path.Combine(cli.Database.DataDirectory, "socialwatch.db")}", run.Error.TrimEnd());
    }

    private static (StorageOptions Storage, MailOptions Mail) ResolvedOptions(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddSocialWatch(configuration).BuildServiceProvider();
        return (services.GetRequiredService<IOptions<StorageOptions>>().Value, services.GetRequiredService<IOptions<MailOptions>>().Value);
    }
}
