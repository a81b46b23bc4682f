using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dapr.AiProvider.ServiceDefaults;

/// <summary>
/// Ready only when the Dapr sidecar's components are up (<c>GET v1.0/healthz/outbound</c>) and the sidecar accepts
/// this app's <c>DAPR_API_TOKEN</c>. The health endpoints need no token, so without the second call a missing or
/// wrong token (every Dapr call answered 401) would leave the pod ready; <c>GET v1.0/metadata</c> needs the token on
/// daprd (every API but healthz does: dapr/dapr <c>pkg/api/http/middlewares.go</c>, <c>APITokenAuthMiddleware</c>)
/// and is cheap. Plain HTTP on the sidecar rather than <c>DaprClient</c>, so an app that does not register
/// Dapr.Client (the router, published as Native AOT) is checked the same way.
/// </summary>
internal sealed class SidecarHealthCheck(HttpClient http) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var outbound = await http.GetAsync("v1.0/healthz/outbound", cancellationToken);
            if (!outbound.IsSuccessStatusCode)
            {
                return HealthCheckResult.Unhealthy("Dapr sidecar is not ready");
            }
            using var metadata = await http.GetAsync("v1.0/metadata", cancellationToken);
            return metadata.StatusCode switch
            {
                HttpStatusCode.Unauthorized => HealthCheckResult.Unhealthy("Dapr sidecar rejects this app's DAPR_API_TOKEN"),
                _ when !metadata.IsSuccessStatusCode => HealthCheckResult.Unhealthy("Dapr sidecar metadata call failed"),
                _ => HealthCheckResult.Healthy(),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("Dapr sidecar is unreachable");
        }
    }
}
