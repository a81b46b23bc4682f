using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Fills <c>usage_metrics</c> with generated rows straight in PostgreSQL (<c>generate_series</c>): a year
/// of history ending now, 1,000 keys, 20 teams, 4 task types, 6 provider/models, 10 % cache hits, 2 %
/// errors. The analytics indexes are dropped for the load and rebuilt from their own definitions after
/// (a bulk load's usual shape), then the table is analysed. The table is left UNLOGGED (no WAL for the
/// load; this database is dropped at the end, and query plans and speed do not depend on it).
/// </summary>
internal static class LedgerRows
{
    private const int Chunk = 1_000_000;

    public static async Task<TimeSpan> GenerateAsync(string connectionString, int rows, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        await using var ledger = NpgsqlDataSource.Create(connectionString);
        await using var connection = await ledger.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "SET maintenance_work_mem = '256MB'", cancellationToken);

        var indexes = new List<(string Name, string Definition)>();
        await using (var list = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'usage_metrics' AND indexname LIKE 'ix_usage_%'", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX {name}", cancellationToken);
        }
        await ExecuteAsync(connection, "ALTER TABLE usage_metrics SET UNLOGGED", cancellationToken);

        for (var from = 1; from <= rows; from += Chunk)
        {
            var to = Math.Min(rows, from + Chunk - 1);
            await ExecuteAsync(connection, Insert(from, to, rows), cancellationToken);
            Console.WriteLine($"   {to:#,0} rows ({started.Elapsed.TotalSeconds:0} s)");
        }
        foreach (var (_, definition) in indexes)
        {
            await ExecuteAsync(connection, definition, cancellationToken);
        }
        await ExecuteAsync(connection, "ANALYZE usage_metrics", cancellationToken);
        return started.Elapsed;
    }

    private static string Insert(int from, int to, int rows) => string.Create(CultureInfo.InvariantCulture, $"""
        INSERT INTO usage_metrics (request_id, occurred_at, recorded_at, api_key_id, team, task_type, provider, model,
            input_tokens, cached_input_tokens, output_tokens, total_tokens, cost_micros, latency_ms, attempts, cache_hit,
            error_class, status, stream)
        SELECT 'gen-' || lpad(g::text, 9, '0'), t, t, 'key-' || (g % 1000), 'team-' || (g % 20),
            (ARRAY['chat','code','summarize','extract'])[1 + g % 4],
            (ARRAY['openai','openai','anthropic','gemini','gemini','huggingface'])[1 + g % 6],
            (ARRAY['gpt-4o-mini','gpt-4o','claude-3-5-haiku-latest','gemini-2.5-flash','gemini-2.5-pro','meta-llama/Llama-3.1-8B-Instruct'])[1 + g % 6],
            100 + g % 900, CASE WHEN g % 5 = 0 THEN 64 ELSE 0 END, 20 + g % 400, 120 + g % 900 + g % 400, g % 5000,
            50 + g % 2000, 1 + (g % 50 = 0)::int, g % 10 = 0,
            CASE WHEN g % 50 = 0 THEN 'rate_limited' END, CASE WHEN g % 50 = 0 THEN 429 ELSE 200 END, g % 3 = 0
        FROM generate_series({from}, {to}) AS g,
             LATERAL (SELECT now() - make_interval(secs => (g - 1) * (31536000.0 / {rows}))) AS o(t)
        """);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
