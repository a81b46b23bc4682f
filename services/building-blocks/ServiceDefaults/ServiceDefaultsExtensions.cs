using Dapr.AiProvider.ServiceDefaults.Metrics;
using Dapr.AiProvider.ServiceDefaults.Telemetry;
using Dapr.AiProvider.ServiceDefaults.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Dapr.AiProvider.ServiceDefaults;

/// <summary>What every service gets: OpenTelemetry, logs, health, /metrics, ProblemDetails, a Dapr client, a long listen queue.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Health checks tagged with this run on readiness only (liveness never depends on others).</summary>
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string meterName)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddDaprClient();
        builder.Services.AddSingleton(ScaledClock.FromConfiguration(builder.Configuration)); // the real clock unless Clock:Scale is set
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        // IHttpClientFactory's logging handlers open a log scope on every call and log only at Information, which
        // appsettings turns off for System.Net.Http.HttpClient: the scope is pure per-request cost on every hop
        // (docs/benchmarks-peer.md, "What moved each number").
        builder.Services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
        builder.Services.AddLongListenBacklog();

        builder.Services.AddHealthChecks()
            .AddCheck<SidecarHealthCheck>("dapr-sidecar", tags: [ReadyTag]);

        builder.AddLogDefaults();
        builder.AddTracingDefaults(meterName);

        // /metrics: our meters under their own names (ai_provider_requests_total, …), not prometheus-net's
        // prefixed gauges (PrometheusMeterBridge says why).
        PrometheusMeterBridge.EnsureStarted();
        return builder;
    }

    /// <summary>/healthz (liveness), /readyz (readiness: sidecar and owned stores), /metrics (Prometheus).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        app.MapMetrics("/metrics");
        return app;
    }
}
