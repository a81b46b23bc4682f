using System.Globalization;
using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Tracing;

/// <summary>
/// Span export like daprd's: when the Dapr Configuration (<c>--config</c>) has <c>spec.tracing.otel</c> with an
/// <c>endpointAddress</c> (host:port) and a <c>protocol</c> (<c>http</c> or <c>grpc</c>), the sidecar exports its
/// spans over OTLP under the app id as service name; <c>isSecure</c> defaults to true; <c>samplingRate</c> "0"
/// turns tracing off. Mirrors dapr/dapr <c>pkg/runtime/runtime.go</c> <c>setupTracing</c> and
/// <c>pkg/config/configuration.go</c> <c>OtelSpec</c>. The sidecar's spans are its incoming API calls and its
/// calls to peers and to the app, so a trace shows each Dapr hop.
/// </summary>
internal static class SidecarTracing
{
    public static WebApplicationBuilder AddSidecarTracing(this WebApplicationBuilder builder, SidecarOptions options)
    {
        if (options.ConfigPath is not { } config || Read(config) is not { } otel)
        {
            return builder;
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.AppId))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(otel.SamplingRate)))
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/v1.0/healthz"))
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request =>
                    request.RequestUri?.AbsolutePath is not ("/healthz" or "/readyz" or "/metrics"))
                .AddOtlpExporter(exporter =>
                {
                    exporter.Protocol = otel.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                    var scheme = otel.Secure ? "https" : "http";
                    exporter.Endpoint = new Uri(otel.Grpc ? $"{scheme}://{otel.Endpoint}" : $"{scheme}://{otel.Endpoint}/v1/traces");
                }));
        return builder;
    }

    /// <summary>The otel settings of the Configuration file, or null when it names no otel endpoint (or samples nothing).</summary>
    internal static OtelSettings? Read(string file)
    {
        foreach (var doc in ResourceLoader.ReadDocuments(file))
        {
            if (YamlFields.Scalar(doc, "kind") != "Configuration")
            {
                continue;
            }
            var endpoint = YamlFields.Scalar(doc, "spec", "tracing", "otel", "endpointAddress");
            var protocol = YamlFields.Scalar(doc, "spec", "tracing", "otel", "protocol");
            if (string.IsNullOrEmpty(endpoint) || string.IsNullOrEmpty(protocol))
            {
                return null;
            }
            if (protocol is not ("http" or "grpc"))
            {
                throw new SidecarStartupException($"{file}: invalid protocol {protocol} provided for Otel endpoint");
            }
            var secure = !string.Equals(YamlFields.Scalar(doc, "spec", "tracing", "otel", "isSecure"), "false", StringComparison.OrdinalIgnoreCase);
            // daprd: an unparseable or missing rate samples 1 in 10,000 (pkg/diagnostics/utils/trace_utils.go GetTraceSamplingRate).
            var rate = double.TryParse(YamlFields.Scalar(doc, "spec", "tracing", "samplingRate"), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? Math.Clamp(parsed, 0, 1) : 1e-4;
            return rate > 0 ? new OtelSettings(endpoint, protocol == "grpc", secure, rate) : null;
        }
        return null;
    }

    internal sealed record OtelSettings(string Endpoint, bool Grpc, bool Secure, double SamplingRate);
}
