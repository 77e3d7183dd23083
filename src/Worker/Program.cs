using Quartz;
using SocialWatch.Hosting;

// The service: scheduled ingestion, retention and digest jobs, and the review console, in one Generic Host.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    EnvironmentName = SocialWatchConfiguration.EnvironmentName,
});
builder.Configuration.Sources.Clear();
builder.Configuration.AddSocialWatchSources(builder.Environment.EnvironmentName).AddCommandLine(args);

builder.Services.AddSocialWatch(builder.Configuration);
builder.Services.AddHostedService<SocialWatch.Worker.DatabaseMigrationService>();
builder.Services.AddQuartz();
builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);

var app = builder.Build();
return await SocialWatch.Worker.WorkerHost.RunAsync(app);

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
