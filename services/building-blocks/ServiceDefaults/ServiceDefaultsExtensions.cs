using Dapr.AiProvider.ServiceDefaults.Metrics;
using Dapr.AiProvider.ServiceDefaults.Sidecar;
using Dapr.AiProvider.ServiceDefaults.Telemetry;
using Dapr.AiProvider.ServiceDefaults.Time;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Dapr.AiProvider.ServiceDefaults;

/// <summary>What every service gets: OpenTelemetry, logs, health, /metrics, ProblemDetails, a Dapr client (unless it asks for none), a long listen queue.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Health checks tagged with this run on readiness only (liveness never depends on others).</summary>
    public const string ReadyTag = "ready";

    /// <param name="addDaprClient">
    /// False for an app that calls its sidecar over plain HTTP only (the router and provider-adapters: Dapr.Client's
    /// JSON is not trim-safe and both are published as Native AOT).
    /// </param>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string meterName, bool addDaprClient = true)
    {
        builder.Services.AddProblemDetails();
        builder.AddSidecarSockets(addDaprClient);
        builder.Services.AddSingleton(ScaledClock.FromConfiguration(builder.Configuration)); // the real clock unless Clock:Scale is set
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        // IHttpClientFactory's logging handlers open a log scope on every call and log only at Information, which
        // appsettings turns off for System.Net.Http.HttpClient: the scope is pure per-request cost on every hop
        // (docs/benchmarks-peer.md, "What moved each number").
        builder.Services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
        builder.Services.AddLongListenBacklog();

        builder.Services.AddHttpClient<SidecarHealthCheck>(http => SidecarHttpApi.ConfigureApi(http, builder.Configuration, TimeSpan.FromSeconds(5)));
        builder.Services.AddHealthChecks()
            .AddCheck<SidecarHealthCheck>("dapr-sidecar", tags: [ReadyTag]);

        builder.AddLogDefaults();
        builder.AddTracingDefaults(meterName);

        // /metrics: our meters under their own names (ai_provider_requests_total, …), not prometheus-net's
        // prefixed gauges (PrometheusMeterBridge says why).
        PrometheusMeterBridge.EnsureStarted();
        return builder;
    }

    /// <summary>
    /// With <see cref="DaprSidecarSockets.Variable"/> set, every call to the sidecar goes over its Unix domain sockets:
    /// IHttpClientFactory clients through <see cref="SidecarSocketsFilter"/>, Dapr.Client's gRPC channel (when the app
    /// registers one) through its handler (Dapr.Client's own HttpClient cannot be given one, so nothing here uses it). Decided from the final
    /// configuration when the services are built, not when they are registered.
    /// </summary>
    private static void AddSidecarSockets(this IHostApplicationBuilder builder, bool addDaprClient)
    {
        builder.Services.AddSingleton<IHttpMessageHandlerBuilderFilter>(sp =>
            new SidecarSocketsFilter(DaprSidecarSockets.FromConfiguration(sp.GetRequiredService<IConfiguration>())));
        if (!addDaprClient)
        {
            return;
        }
        builder.Services.AddDaprClient((sp, dapr) =>
        {
            if (DaprSidecarSockets.FromConfiguration(sp.GetRequiredService<IConfiguration>()) is { } sockets)
            {
                dapr.UseGrpcChannelOptions(new GrpcChannelOptions
                {
                    HttpHandler = sockets.CreateGrpcHandler(),
                    ThrowOperationCanceledOnCancellation = true, // what DaprClientBuilder's own options set
                });
            }
        });
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
