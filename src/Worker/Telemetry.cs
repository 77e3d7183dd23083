using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Telemetry;

namespace SocialWatch.Worker;

/// <summary>
/// "Telemetry": the OpenTelemetry exporters of the service's metrics (<see cref="SocialWatchMetrics"/>), both off by default.
/// <code>
/// "Telemetry": {
///   "Otlp": { "Enabled": false, "Endpoint": "http://127.0.0.1:4317", "Protocol": "grpc", "ExportInterval": "00:01:00" },
///   "Prometheus": { "Enabled": false, "Path": "/metrics" }
/// }
/// </code>
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    public OtlpExportOptions Otlp { get; init; } = new();

    public PrometheusOptions Prometheus { get; init; } = new();
}

public sealed class OtlpExportOptions
{
    public bool Enabled { get; set; }

    /// <summary>The collector: port 4317 for grpc, 4318 (with the path /v1/metrics) for http/protobuf.</summary>
    public string Endpoint { get; set; } = "http://127.0.0.1:4317";

    /// <summary>"grpc" or "http/protobuf".</summary>
    public string Protocol { get; set; } = "grpc";

    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class PrometheusOptions
{
    public bool Enabled { get; set; }

    /// <summary>Served anonymously on the console's address; restrict it at the reverse proxy.</summary>
    public string Path { get; set; } = "/metrics";
}

internal static class Telemetry
{
    public static IServiceCollection AddSocialWatchTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Otlp.Enabled && !options.Prometheus.Enabled)
        {
            return services;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("socialwatch", serviceInstanceId: PollingService.NodeName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SocialWatchMetrics.MeterName);
                if (options.Otlp.Enabled && TelemetryOptionsValidator.ParseProtocol(options.Otlp.Protocol) is { } protocol
                    && Uri.TryCreate(options.Otlp.Endpoint, UriKind.Absolute, out var endpoint))
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        exporter.Endpoint = endpoint;
                        exporter.Protocol = protocol;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Math.Max(1000, options.Otlp.ExportInterval.TotalMilliseconds);
                    });
                }
                if (options.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeEndpointPath = options.Prometheus.Path);
                }
            });
        return services;
    }

    public static void MapSocialWatchTelemetry(this WebApplication app)
    {
        // Read from configuration, not IOptions: bad values are reported by the validator when the host starts,
        // as one line and exit code 2, instead of an exception here.
        var options = app.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.Prometheus.Enabled && options.Prometheus.Path.StartsWith('/'))
        {
            app.MapPrometheusScrapingEndpoint(options.Prometheus.Path).AllowAnonymous();
        }
    }
}

/// <summary>Names the offending key; settings of a disabled exporter are checked too, so enabling it later cannot surprise.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public static OtlpExportProtocol? ParseProtocol(string value) => value switch
    {
        "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        _ => null,
    };

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        const string Otlp = $"{TelemetryOptions.SectionName}:Otlp";
        if (!Uri.TryCreate(options.Otlp.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            failures.Add($"{Otlp}:Endpoint '{options.Otlp.Endpoint}' must be an absolute http(s) URL");
        }
        if (ParseProtocol(options.Otlp.Protocol) is null)
        {
            failures.Add($"{Otlp}:Protocol '{options.Otlp.Protocol}' is not supported (expected: grpc or http/protobuf)");
        }
        if (options.Otlp.ExportInterval < TimeSpan.FromSeconds(1) || options.Otlp.ExportInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{Otlp}:ExportInterval must be between 00:00:01 and 01:00:00 (was {options.Otlp.ExportInterval})");
        }
        if (!options.Prometheus.Path.StartsWith('/') || options.Prometheus.Path.Length < 2)
        {
            failures.Add($"{TelemetryOptions.SectionName}:Prometheus:Path '{options.Prometheus.Path}' must be a path such as /metrics");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
