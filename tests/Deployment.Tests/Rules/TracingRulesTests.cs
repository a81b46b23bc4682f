using Dapr.AiProvider.Deployment.Tests.Infrastructure;
using Dapr.AiProvider.LocalDapr.Sidecar.Tracing;

namespace Dapr.AiProvider.Deployment.Tests.Rules;

/// <summary>
/// Issue 16: every Dapr Configuration exports the sidecar's spans (<c>spec.tracing.otel</c>), read with the local
/// runtime's model of daprd's tracing setup (dapr/dapr <c>pkg/runtime/runtime.go</c> <c>setupTracing</c>,
/// <c>pkg/config/configuration.go</c> <c>OtelSpec</c>): an endpoint as host:port, a protocol, everything sampled.
/// The CRD schema (endpointAddress, isSecure and protocol all required) is checked by <c>DaprCrdTests</c>.
/// </summary>
public sealed class TracingRulesTests
{
    [Fact]
    public void Local_ConfigurationExportsOverOtlpHttpToALocalCollector()
    {
        var otel = SidecarTracing.Read(RepoPaths.File("components", "config.yaml"));

        Assert.NotNull(otel);
        Assert.Equal(new SidecarTracing.OtelSettings("127.0.0.1:4318", Grpc: false, Secure: false, SamplingRate: 1), otel);
    }

    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void Kubernetes_EveryConfigurationExportsOverOtlpGrpcToTheCollector(string root)
    {
        var configurations = Kustomize.Render(root).Where(d => d.Kind == "Configuration").ToList();
        Assert.Equal(3, configurations.Count); // router, quota, provider-adapters
        foreach (var configuration in configurations)
        {
            var file = Path.GetTempFileName();
            try
            {
                File.WriteAllText(file, configuration.Text);
                var otel = SidecarTracing.Read(file);
                Assert.Equal(new SidecarTracing.OtelSettings("otel-collector.monitoring.svc.cluster.local:4317", Grpc: true, Secure: false, SamplingRate: 1), otel);
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void Kubernetes_EveryAppExportsItsSpansToTheCollectorItsSidecarUses(string root)
    {
        foreach (var workload in Workload.In(Kustomize.Render(root)))
        {
            var env = workload.Container["env"]!.AsArray();
            string? Value(string name) => (string?)env.SingleOrDefault(e => (string?)e!["name"] == name)?["value"];

            // ServiceDefaults' TracingDefaults reads these two (OpenTelemetry's own variable names).
            Assert.Equal("http://otel-collector.monitoring.svc.cluster.local:4317", Value("OTEL_EXPORTER_OTLP_ENDPOINT"));
            Assert.Equal("grpc", Value("OTEL_EXPORTER_OTLP_PROTOCOL"));
        }
    }
}
