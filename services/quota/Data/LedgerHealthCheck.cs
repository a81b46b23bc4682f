using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Dapr.AiProvider.Quota.Data;

/// <summary>Readiness: PostgreSQL answers and the schema is current.</summary>
internal sealed class LedgerHealthCheck(LedgerDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The registration decides what an outage means for readiness (QuotaExtensions: Degraded, still ready).
            return new HealthCheckResult(context.Registration?.FailureStatus ?? HealthStatus.Unhealthy,
                "PostgreSQL ledger is unreachable: " + ex.GetType().Name);
        }
    }
}
