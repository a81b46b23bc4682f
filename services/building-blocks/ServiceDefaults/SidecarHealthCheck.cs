using Dapr;
using Dapr.Client;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dapr.AiProvider.ServiceDefaults;

/// <summary>
/// Ready only when the Dapr sidecar's components are up (<c>/v1.0/healthz/outbound</c>) and the sidecar accepts
/// this app's <c>DAPR_API_TOKEN</c>. The health endpoints need no token, so without the second call a missing or
/// wrong token (every Dapr call answered 401 / Unauthenticated) would leave the pod ready; the metadata call needs
/// the token on daprd (every API but healthz does) and is cheap. The outbound check goes through IHttpClientFactory,
/// not Dapr.Client's own HttpClient, so that it takes the sidecar's Unix domain socket when there is one
/// (<see cref="Sidecar.DaprSidecarSockets"/>).
/// </summary>
internal sealed class SidecarHealthCheck(DaprClient dapr, IHttpClientFactory clients, IConfiguration configuration) : IHealthCheck
{
    private readonly Uri _outbound = new(DaprDefaults.GetDefaultHttpEndpoint(configuration).TrimEnd('/') + "/v1.0/healthz/outbound");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var http = clients.CreateClient(nameof(SidecarHealthCheck));
            using var outbound = await http.GetAsync(_outbound, cancellationToken);
            if (!outbound.IsSuccessStatusCode)
            {
                return HealthCheckResult.Unhealthy("Dapr sidecar is not ready");
            }
            await dapr.GetMetadataAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (DaprException ex) when (ex.InnerException is RpcException { StatusCode: StatusCode.Unauthenticated })
        {
            return HealthCheckResult.Unhealthy("Dapr sidecar rejects this app's DAPR_API_TOKEN");
        }
        catch (DaprException)
        {
            return HealthCheckResult.Unhealthy("Dapr sidecar metadata call failed");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or RpcException)
        {
            return HealthCheckResult.Unhealthy("Dapr sidecar is unreachable");
        }
    }
}
