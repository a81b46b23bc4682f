using System.Diagnostics;
using Npgsql;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Fills <c>usage_metrics</c> with generated rows by binary COPY (<see cref="LedgerRowsCopy"/>): a year of
/// history ending now, 1,000 keys, 20 teams, 4 task types, 6 provider/models, 10 % cache hits, 2 % errors.
/// A bulk load's usual shape: the secondary indexes (and the request-id constraint) are dropped for the
/// load and rebuilt from their own definitions after, then the analytics rollups are recomputed from the
/// ledger (<c>rebuild_usage_rollups()</c>, the migration's own function — COPY bypasses ingestion) and the
/// tables vacuumed and analysed. The table is left UNLOGGED (no WAL for the load; this database is dropped at the end,
/// and query plans and speed do not depend on it).
/// </summary>
internal static class LedgerRows
{
    /// <summary>Parallel COPY streams: one per core keeps both the generator and PostgreSQL busy.</summary>
    private static readonly int Streams = Math.Clamp(Environment.ProcessorCount, 1, 4);

    public static async Task<TimeSpan> GenerateAsync(string connectionString, int rows, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        await using var ledger = NpgsqlDataSource.Create(connectionString);
        await using var connection = await ledger.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "SET maintenance_work_mem = '512MB'", cancellationToken);

        var indexes = await ReadIndexesAsync(connection, cancellationToken);
        foreach (var (name, constraint, _) in indexes)
        {
            await ExecuteAsync(connection, constraint ? $"ALTER TABLE usage_metrics DROP CONSTRAINT {name}" : $"DROP INDEX {name}", cancellationToken);
        }
        await ExecuteAsync(connection, "ALTER TABLE usage_metrics SET UNLOGGED", cancellationToken);

        var end = DateTime.UtcNow;
        var per = (rows + Streams - 1) / Streams;
        await Task.WhenAll(Enumerable.Range(0, Streams).Select(s => Task.Run(() =>
            LedgerRowsCopy.Copy(ledger, 1 + s * per, Math.Min(rows, (s + 1) * per), rows, end, cancellationToken), cancellationToken)));
        Console.WriteLine($"   {rows:#,0} rows copied ({started.Elapsed.TotalSeconds:0} s, {Streams} streams)");

        foreach (var (name, constraint, definition) in indexes)
        {
            await ExecuteAsync(connection, constraint ? $"ALTER TABLE usage_metrics ADD CONSTRAINT {name} {definition}" : definition, cancellationToken);
        }
        Console.WriteLine($"   indexes rebuilt ({started.Elapsed.TotalSeconds:0} s)");
        await ExecuteAsync(connection, "SELECT rebuild_usage_rollups()", cancellationToken);
        // VACUUM as well: otherwise autovacuum starts on the freshly loaded table during the measurement.
        await ExecuteAsync(connection, "VACUUM (ANALYZE) usage_metrics, usage_hourly, usage_daily_key", cancellationToken);
        Console.WriteLine($"   rollups rebuilt, tables vacuumed and analysed ({started.Elapsed.TotalSeconds:0} s)");
        return started.Elapsed;
    }

    /// <summary>Every index but the primary key: (name, is a constraint, CREATE INDEX statement or constraint definition).</summary>
    private static async Task<List<(string Name, bool Constraint, string Definition)>> ReadIndexesAsync(NpgsqlConnection connection,
        CancellationToken cancellationToken)
    {
        var indexes = new List<(string, bool, string)>();
        await using var list = new NpgsqlCommand("""
            SELECT coalesce(c.conname, i.indexrelid::regclass::text), c.conname IS NOT NULL,
                   coalesce(pg_get_constraintdef(c.oid), pg_get_indexdef(i.indexrelid))
            FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid
            WHERE i.indrelid = 'usage_metrics'::regclass AND NOT i.indisprimary
            """, connection);
        await using var reader = await list.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            indexes.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetString(2)));
        }
        return indexes;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
