using System.Reflection;
using Npgsql;

namespace Dapr.AiProvider.Quota.Data;

/// <summary>
/// Applies the embedded, versioned SQL migrations (<c>Data/Migrations/NNNN_name.sql</c>) in order,
/// each in its own transaction, recorded in <c>schema_migrations</c>. Runs under a PostgreSQL
/// advisory lock so several replicas starting together apply each migration exactly once.
/// </summary>
internal sealed partial class LedgerMigrator(ILogger<LedgerMigrator> logger)
{
    private const long AdvisoryLockKey = 0x51_55_4F_54_41_4C_44; // "QUOTALD"
    private const string ResourcePrefix = "Migrations.";

    public static IReadOnlyList<(string Version, string Sql)> LoadMigrations()
    {
        var assembly = typeof(LedgerMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => (Version: name[ResourcePrefix.Length..^4], Sql: Read(assembly, name)))
            .ToList();
    }

    /// <summary>Returns the versions applied by this call (empty when the schema was current).</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                cancellationToken);
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var done = new List<string>();
            foreach (var (version, sql) in LoadMigrations())
            {
                if (applied.Contains(version))
                {
                    continue;
                }
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var script = new NpgsqlCommand(sql, connection, transaction))
                {
                    await script.ExecuteNonQueryAsync(cancellationToken);
                }
                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version) VALUES (@version)", connection, transaction))
                {
                    record.Parameters.Add(new NpgsqlParameter<string>("version", version));
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                Log.Applied(logger, version);
                done.Add(version);
            }
            return done;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static async Task<HashSet<string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded migration {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Applied ledger migration {Version}")]
        public static partial void Applied(ILogger logger, string version);
    }
}
