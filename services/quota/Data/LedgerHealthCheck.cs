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
            return HealthCheckResult.Unhealthy("PostgreSQL ledger is unreachable: " + ex.GetType().Name);
        }
    }
}
