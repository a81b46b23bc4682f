using Npgsql;

namespace Dapr.AiProvider.EndToEnd.Tests;

internal static class Ledger
{
    /// <summary>Polls usage_metrics until the request's row appears (usage flows through pub/sub, asynchronously).</summary>
    public static async Task<int> WaitForUsageRowsAsync(string connectionString, string requestId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        while (true)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT count(*) FROM usage_metrics WHERE request_id = $1");
                command.Parameters.AddWithValue(requestId);
                var rows = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
                if (rows > 0 || DateTime.UtcNow > deadline)
                {
                    return rows;
                }
            }
            catch (PostgresException) when (DateTime.UtcNow < deadline)
            {
                // The table appears once quota has applied its migrations.
            }
            await Task.Delay(250);
        }
    }
}
