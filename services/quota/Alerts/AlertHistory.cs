using System.Text.Json.Serialization;
using Dapr.AiProvider.Quota.Data;
using Npgsql;

namespace Dapr.AiProvider.Quota.Alerts;

/// <summary>One stored alert, as <c>GET /admin/alerts</c> lists it.</summary>
internal sealed record AlertView(
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("used")] long Used,
    [property: JsonPropertyName("limit")] long Limit,
    [property: JsonPropertyName("windowStart")] DateTimeOffset WindowStart,
    [property: JsonPropertyName("raisedAt")] DateTimeOffset RaisedAt);

internal sealed record AlertList([property: JsonPropertyName("alerts")] IReadOnlyList<AlertView> Alerts);

/// <summary>
/// The alerts the quota actors raised, newest first, from the ledger's <c>alerts</c> table (written once per
/// threshold per window by <c>QuotaAlertSink</c>, so every replica and every restart sees the same list).
/// </summary>
internal sealed class AlertHistory(LedgerDatabase database)
{
    public const int MaxLimit = 500;

    private const string Sql = """
        SELECT scope, metric, period, threshold, used, limit_value, window_start, raised_at
        FROM alerts
        WHERE (@scope IS NULL OR scope = @scope)
        ORDER BY raised_at DESC, id DESC
        LIMIT @limit
        """;

    public async Task<AlertList> ListAsync(string? scope, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string?>("scope", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = scope });
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alerts = new List<AlertView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(new AlertView(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3),
                reader.GetInt64(4), reader.GetInt64(5),
                new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero), new DateTimeOffset(reader.GetDateTime(7), TimeSpan.Zero)));
        }
        return new AlertList(alerts);
    }
}
