using Dapr.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dapr.AiProvider.ServiceDefaults;

/// <summary>Ready only when the Dapr sidecar's components are up (<c>/v1.0/healthz/outbound</c>).</summary>
internal sealed class SidecarHealthCheck(DaprClient dapr) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await dapr.CheckOutboundHealthAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Dapr sidecar is not ready");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("Dapr sidecar is unreachable");
        }
    }
}
