using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SocialWatch.Classifier.Model;
using SocialWatch.Core.Ports;

namespace SocialWatch.Classifier.Tests;

public class ClassifierRegistrationTests
{
    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddClassifier(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task A_missing_model_stops_start_up_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.zip");
        using var host = BuildHost(new() { ["Classifier:ModelPath"] = path, ["Classifier:LexiconDirectory"] = TestResources.ContestDirectory });
        var error = await Assert.ThrowsAsync<ModelFileException>(() => host.StartAsync());
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task A_valid_model_starts_and_serves_the_classifier()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sw-host-{Guid.NewGuid():N}.zip");
        ModelPackage.Write(FixtureModel.Zip, path);
        try
        {
            using var host = BuildHost(new() { ["Classifier:ModelPath"] = path, ["Classifier:LexiconDirectory"] = TestResources.ContestDirectory, ["Classifier:Thresholds:endorse"] = "0.6" });
            await host.StartAsync();
            var classifier = host.Services.GetRequiredService<IPostClassifier>();
            Assert.Equal(FixtureModel.Model.Version, classifier.ModelVersion);
            await host.StopAsync();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Bad_thresholds_are_reported_by_key()
    {
        using var host = BuildHost(new() { ["Classifier:Thresholds:civic"] = "0.5", ["Classifier:Thresholds:oppose"] = "1.5", ["Classifier:EverydayAnchorThreshold"] = "0", ["Classifier:NamedPersonAnchorThreshold"] = "1.2", ["Classifier:VoteDayAnchorThreshold"] = "-0.1", ["Classifier:LoneNumberAnchorThreshold"] = "2", ["Classifier:VoteCallThreshold"] = "0" });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Classifier:Thresholds:civic", error.Message);
        Assert.Contains("Classifier:Thresholds:oppose", error.Message);
        Assert.Contains("Classifier:EverydayAnchorThreshold", error.Message);
        Assert.Contains("Classifier:NamedPersonAnchorThreshold must be greater than 0 and at most 1 (was 1.2)", error.Message);
        Assert.Contains("Classifier:VoteDayAnchorThreshold must be greater than 0 and at most 1 (was -0.1)", error.Message);
        Assert.Contains("Classifier:LoneNumberAnchorThreshold must be greater than 0 and at most 1 (was 2)", error.Message);
        Assert.Contains("Classifier:VoteCallThreshold must be greater than 0 and at most 1 (was 0)", error.Message);
    }
}
