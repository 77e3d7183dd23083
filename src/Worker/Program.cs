using Quartz;
using SocialWatch.Hosting;
using SocialWatch.Worker;
using SocialWatch.Worker.Digest;
using SocialWatch.Worker.Ingestion;
using SocialWatch.Worker.Learning;
using SocialWatch.Web;

// The service: polling loops, the scheduled singleton jobs (drop folder, retention, digest, outbox, retrain, recall sample; clustered on
// PostgreSQL) and the review console, in one Generic Host.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    EnvironmentName = SocialWatchConfiguration.EnvironmentName,
});
builder.Configuration.Sources.Clear();
builder.Configuration.AddSocialWatchSources(builder.Environment.EnvironmentName).AddCommandLine(args);

builder.Services.AddSocialWatch(builder.Configuration);
builder.Services.AddHostedService<DatabaseMigrationService>();
builder.Services.AddReviewConsole(builder.Configuration);
builder.Services.AddSocialWatchHealthChecks();
builder.Services.AddSocialWatchTelemetry(builder.Configuration);
builder.Services.AddIngestionJobs(builder.Configuration);
builder.Services.AddDigestJobs(builder.Configuration);
builder.Services.AddLearningJobs(builder.Configuration);
builder.Services.AddQuartz(quartz => quartz.UseSocialWatchStore(builder.Configuration));
builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);

var app = builder.Build();
app.MapReviewConsole();
app.MapSocialWatchHealthChecks();
app.MapSocialWatchTelemetry();
return await WorkerHost.RunAsync(app);

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
