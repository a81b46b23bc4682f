using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Prometheus;

namespace Dapr.AiProvider.ServiceDefaults;

/// <summary>What every service gets: OpenTelemetry, health, /metrics, ProblemDetails, a Dapr client.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Health checks tagged with this run on readiness only (liveness never depends on others).</summary>
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string meterName)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddDaprClient();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddHostedService<MetricsWarmup>();

        builder.Services.AddHealthChecks()
            .AddCheck<SidecarHealthCheck>("dapr-sidecar", tags: [ReadyTag]);

        // Traces and OTel metrics cost CPU on every request; they are collected only when a collector is
        // configured (standard OTEL_EXPORTER_OTLP_ENDPOINT). W3C trace context is propagated either way.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing
                    .AddSource(meterName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsInfrastructurePath(ctx.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddOtlpExporter())
                .WithMetrics(metrics => metrics
                    .AddMeter(meterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddOtlpExporter());
        }

        // /metrics (prometheus-net) exports this service's meter and ASP.NET Core's request metrics; listening to
        // every .NET meter (HttpClient, Kestrel connections, …) cost about 5 % of the router's CPU per request.
        Metrics.ConfigureMeterAdapter(adapter => adapter.InstrumentFilterPredicate = instrument =>
            instrument.Meter.Name == meterName || instrument.Meter.Name == "Microsoft.AspNetCore.Hosting");
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true });
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

    private static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics");
}
