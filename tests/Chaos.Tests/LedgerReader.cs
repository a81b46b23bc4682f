using Npgsql;

namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>Reads the ledger directly (not through quota or its proxy).</summary>
internal sealed class LedgerReader(string connectionString)
{
    /// <summary>Request id → whether the row counts as failed, by the definition analytics uses (migration 0004).</summary>
    public async Task<Dictionary<string, bool>> RowsAsync()
    {
        var rows = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT request_id, usage_failed(error_class, status) FROM usage_metrics");
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows[reader.GetString(0)] = reader.GetBoolean(1);
            }
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedFunction)
        {
            // Quota has not applied its migrations yet.
        }

        return rows;
    }

    /// <summary>Polls until every id is in the ledger or <paramref name="timeout"/> passes; returns the last read.</summary>
    public async Task<Dictionary<string, bool>> WaitForAsync(IReadOnlyCollection<string> ids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = await RowsAsync();
            if (ids.All(rows.ContainsKey) || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(500);
        }
    }
}
