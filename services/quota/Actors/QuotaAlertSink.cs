using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Data;
using Dapr.AiProvider.Quota.Diagnostics;
using Dapr.AiProvider.Quota.Policy;
using Dapr.Client;
using Npgsql;

namespace Dapr.AiProvider.Quota.Actors;

/// <summary>Publishes an alert through the sidecar and records it (idempotently) in the ledger; each side is best effort.</summary>
internal sealed partial class QuotaAlertSink(DaprClient dapr, LedgerDatabase database, QuotaMetrics metrics, ILogger<QuotaAlertSink> logger)
    : IQuotaAlertSink
{
    private const string InsertSql = """
        INSERT INTO alerts (scope, metric, period, threshold, window_start, used, limit_value, raised_at)
        VALUES (@scope, @metric, @period, @threshold, @window_start, @used, @limit_value, @raised_at)
        ON CONFLICT DO NOTHING
        """;

    public async Task RaiseAsync(QuotaAlertRaised alert, CancellationToken cancellationToken)
    {
        metrics.AlertRaised(QuotaNames.MetricName(alert.Rule.Metric));
        Log.Raised(logger, alert.Scope, QuotaNames.QuotaType(alert.Rule), alert.Threshold);
        try
        {
            await dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.Topics.QuotaAlerts, alert, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.PublishFailed(logger, alert.Scope, ex.GetType().Name);
        }
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(InsertSql, connection);
            command.Parameters.Add(new NpgsqlParameter<string>("scope", alert.Scope));
            command.Parameters.Add(new NpgsqlParameter<string>("metric", QuotaNames.MetricName(alert.Rule.Metric)));
            command.Parameters.Add(new NpgsqlParameter<string>("period", QuotaNames.PeriodName(alert.Rule.Period)));
            command.Parameters.Add(new NpgsqlParameter<double>("threshold", alert.Threshold));
            command.Parameters.Add(new NpgsqlParameter<DateTime>("window_start", alert.WindowStart.UtcDateTime));
            command.Parameters.Add(new NpgsqlParameter<long>("used", alert.Used));
            command.Parameters.Add(new NpgsqlParameter<long>("limit_value", alert.Rule.Limit));
            command.Parameters.Add(new NpgsqlParameter<DateTime>("raised_at", alert.RaisedAt.UtcDateTime));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.StoreFailed(logger, alert.Scope, ex.GetType().Name);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Quota alert: scope {Scope} {QuotaType} crossed {Threshold:P0}")]
        public static partial void Raised(ILogger logger, string scope, string quotaType, double threshold);

        [LoggerMessage(2, LogLevel.Error, "Quota alert for {Scope} not published ({Error})")]
        public static partial void PublishFailed(ILogger logger, string scope, string error);

        [LoggerMessage(3, LogLevel.Error, "Quota alert for {Scope} not stored ({Error})")]
        public static partial void StoreFailed(ILogger logger, string scope, string error);
    }
}
