using Dapr.AiProvider.EndToEnd.Tests;
using Npgsql;

namespace Dapr.AiProvider.Client.Tests.Stack;

/// <summary>What the quota service wrote to the ledger for one request: the truth a decision must agree with.</summary>
internal sealed record LedgerEntry(string? Provider, string? Model, long CostMicros, bool CacheHit)
{
    public static async Task<LedgerEntry> ReadAsync(GatewayStack stack, string requestId)
    {
        var rows = await Ledger.WaitForUsageRowsAsync(stack.Ledger.ConnectionString, requestId, TimeSpan.FromSeconds(30));
        Assert.True(rows == 1, $"{rows} ledger rows for {requestId}");
        await using var dataSource = NpgsqlDataSource.Create(stack.Ledger.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT provider, model, cost_micros, cache_hit FROM usage_metrics WHERE request_id = $1");
        command.Parameters.AddWithValue(requestId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new LedgerEntry(
            reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetInt64(2),
            reader.GetBoolean(3));
    }
}
