using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Actors;
using Npgsql;

namespace Dapr.AiProvider.Quota.Data;

/// <summary>Limits in PostgreSQL: request/token rules in <c>quotas</c>, cost rules in <c>budgets</c>, thresholds in <c>quota_scopes</c>.</summary>
internal sealed class QuotaLimitStore(LedgerDatabase database) : IQuotaLimitStore
{
    public async Task<QuotaLimits?> LoadAsync(string scope, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        double[]? thresholds = null;
        await using (var command = new NpgsqlCommand("SELECT alert_thresholds FROM quota_scopes WHERE scope = @scope", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("scope", scope));
            if (await command.ExecuteScalarAsync(cancellationToken) is double[] found)
            {
                thresholds = found;
            }
        }
        var rules = new List<QuotaRule>();
        const string sql = """
            SELECT metric, period, limit_value, hard, time_zone FROM quotas WHERE scope = @scope
            UNION ALL
            SELECT 'cost', period, limit_micros, hard, time_zone FROM budgets WHERE scope = @scope
            """;
        await using (var command = new NpgsqlCommand(sql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("scope", scope));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rules.Add(new QuotaRule
                {
                    Metric = ParseMetric(reader.GetString(0)),
                    Period = Enum.Parse<QuotaPeriod>(reader.GetString(1), ignoreCase: true),
                    Limit = reader.GetInt64(2),
                    Hard = reader.GetBoolean(3),
                    TimeZone = reader.GetString(4),
                });
            }
        }
        if (thresholds is null && rules.Count == 0)
        {
            return null;
        }
        var limits = new QuotaLimits { Rules = rules };
        return thresholds is null ? limits : limits with { AlertThresholds = thresholds };
    }

    public async Task SaveAsync(string scope, QuotaLimits limits, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "DELETE FROM quotas WHERE scope = @scope", scope, null, cancellationToken);
        await ExecuteAsync(connection, transaction, "DELETE FROM budgets WHERE scope = @scope", scope, null, cancellationToken);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO quota_scopes (scope, alert_thresholds, updated_at) VALUES (@scope, @thresholds, now())
            ON CONFLICT (scope) DO UPDATE SET alert_thresholds = excluded.alert_thresholds, updated_at = now()
            """, scope, command => command.Parameters.Add(new NpgsqlParameter<double[]>("thresholds", [.. limits.AlertThresholds])),
            cancellationToken);
        foreach (var rule in limits.Rules)
        {
            var sql = rule.Metric == QuotaMetric.CostMicros
                ? "INSERT INTO budgets (scope, period, limit_micros, hard, time_zone) VALUES (@scope, @period, @limit, @hard, @zone)"
                : "INSERT INTO quotas (scope, metric, period, limit_value, hard, time_zone) VALUES (@scope, @metric, @period, @limit, @hard, @zone)";
            await ExecuteAsync(connection, transaction, sql, scope, command =>
            {
                if (rule.Metric != QuotaMetric.CostMicros)
                {
                    command.Parameters.Add(new NpgsqlParameter<string>("metric", Policy.QuotaNames.MetricName(rule.Metric)));
                }
                command.Parameters.Add(new NpgsqlParameter<string>("period", Policy.QuotaNames.PeriodName(rule.Period)));
                command.Parameters.Add(new NpgsqlParameter<long>("limit", rule.Limit));
                command.Parameters.Add(new NpgsqlParameter<bool>("hard", rule.Hard));
                command.Parameters.Add(new NpgsqlParameter<string>("zone", rule.TimeZone));
            }, cancellationToken);
        }
        await ExecuteAsync(connection, transaction,
            "INSERT INTO audit_log (actor, action, target, details) VALUES ('quota', 'limits.set', @scope, @details::jsonb)",
            scope, command => command.Parameters.Add(new NpgsqlParameter<string>("details",
                System.Text.Json.JsonSerializer.Serialize(limits, Contracts.ContractsJsonContext.Default.QuotaLimits))),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static QuotaMetric ParseMetric(string metric) => metric switch
    {
        "requests" => QuotaMetric.Requests,
        "tokens" => QuotaMetric.Tokens,
        _ => QuotaMetric.CostMicros,
    };

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string scope,
        Action<NpgsqlCommand>? addParameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("scope", scope));
        addParameters?.Invoke(command);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
