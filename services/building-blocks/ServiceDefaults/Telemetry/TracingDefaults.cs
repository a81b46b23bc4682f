using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dapr.AiProvider.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry traces (and OTLP metrics) when a collector is configured with the standard variables
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> and <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (<c>grpc</c> or <c>http/protobuf</c>),
/// which the OTLP exporter reads itself. Spans cost CPU on every request, so without a collector nothing is
/// recorded; W3C trace context is propagated either way (ASP.NET Core and HttpClient do it natively).
/// </summary>
internal static class TracingDefaults
{
    /// <summary>Every ActivitySource and Meter of ours is named <c>Dapr.AiProvider.{Service}</c>.</summary>
    public const string OurSources = "Dapr.AiProvider.*";

    public static IHostApplicationBuilder AddTracingDefaults(this IHostApplicationBuilder builder, string meterName)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName(builder)))
            .WithTracing(tracing => tracing
                .AddSource(OurSources)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsInfrastructurePath(context.Request.Path))
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request => !IsInfrastructurePath(request.RequestUri?.AbsolutePath))
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddMeter(meterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        return builder;
    }

    /// <summary><c>OTEL_SERVICE_NAME</c> if set (the SDK reads it and wins), else the Dapr app id the sidecar runs us as.</summary>
    private static string ServiceName(IHostApplicationBuilder builder) =>
        builder.Configuration["APP_ID"] is { Length: > 0 } appId ? appId : builder.Environment.ApplicationName;

    /// <summary>Probes and scrapes are not traffic: no spans for them (nor for the sidecar health calls they make).</summary>
    private static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics")
        || path.StartsWithSegments("/v1.0/healthz");

    private static bool IsInfrastructurePath(string? path) => path is not null && IsInfrastructurePath(new PathString(path));
}
