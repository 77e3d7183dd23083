using Quartz;
using SocialWatch.Hosting;
using SocialWatch.Worker.Digest;
using SocialWatch.Worker.Ingestion;
using SocialWatch.Web;

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
builder.Services.AddReviewConsole(builder.Configuration);
builder.Services.AddIngestionJobs(builder.Configuration);
builder.Services.AddDigestJobs(builder.Configuration);
builder.Services.AddQuartz();
builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);

var app = builder.Build();
app.MapReviewConsole();
return await SocialWatch.Worker.WorkerHost.RunAsync(app);

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
