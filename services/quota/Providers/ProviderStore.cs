using System.Text.Json;
using Dapr.AiProvider.Contracts.Providers;
using Dapr.AiProvider.Quota.Data;
using Npgsql;
using NpgsqlTypes;

namespace Dapr.AiProvider.Quota.Providers;

/// <summary>
/// The <c>providers</c> table as the provider registry (migration 0007). Every write takes a new revision from one
/// sequence; a delete leaves a tombstone so <c>providers.json</c> never seeds the provider back.
/// </summary>
internal sealed class ProviderStore(LedgerDatabase database)
{
    private const string Columns = "id, enabled, origin, revision, updated_at, config::text";

    /// <summary>Every provider not deleted, and the registry's revision (highest write, deletes included; 0 when empty).</summary>
    public async Task<ProviderRegistryView> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT coalesce(max(revision), 0) FROM providers WHERE config IS NOT NULL"),
                new NpgsqlBatchCommand($"SELECT {Columns} FROM providers WHERE config IS NOT NULL AND deleted_at IS NULL ORDER BY id"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var revision = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var providers = new List<ProviderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            providers.Add(Read(reader));
        }
        return new ProviderRegistryView(revision, providers);
    }

    public async Task<ProviderEntry?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM providers WHERE id = @id AND config IS NOT NULL AND deleted_at IS NULL", connection);
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <summary>Adds or replaces the provider's settings (a deleted one comes back, enabled); Created is true when the
    /// registry held no live provider of that id.</summary>
    public async Task<(ProviderEntry Entry, bool Created)> PutAsync(string id, JsonElement config, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "INSERT INTO providers AS p (id, name, family, base_url, config, origin, enabled) " +
            "VALUES (@id, @id, @family, @baseUrl, @config, 'admin', TRUE) " +
            "ON CONFLICT (id) DO UPDATE SET config = excluded.config, family = excluded.family, base_url = excluded.base_url, " +
            "origin = 'admin', enabled = p.enabled OR p.deleted_at IS NOT NULL OR p.config IS NULL, deleted_at = NULL, " +
            "revision = nextval('provider_registry_revision'), updated_at = now() " +
            $"RETURNING {Columns}", connection);
        AddConfig(command, id, config);
        // A tombstone revived counts as created too: the registry had no such provider.
        await using var before = new NpgsqlCommand("SELECT 1 FROM providers WHERE id = @id AND config IS NOT NULL AND deleted_at IS NULL", connection);
        before.Parameters.Add(new NpgsqlParameter<string>("id", id));
        var existed = await before.ExecuteScalarAsync(cancellationToken) is not null;
        var entry = await ReadOneAsync(command, cancellationToken);
        return (entry!, !existed);
    }

    /// <summary>Replaces the settings only if nobody wrote the provider since <paramref name="revision"/>; null when
    /// someone did (or it was deleted).</summary>
    public async Task<ProviderEntry?> ReplaceIfUnchangedAsync(string id, long revision, JsonElement config, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE providers SET config = @config, family = @family, base_url = @baseUrl, origin = 'admin', " +
            "revision = nextval('provider_registry_revision'), updated_at = now() " +
            $"WHERE id = @id AND revision = @revision AND deleted_at IS NULL RETURNING {Columns}", connection);
        AddConfig(command, id, config);
        command.Parameters.Add(new NpgsqlParameter<long>("revision", revision));
        return await ReadOneAsync(command, cancellationToken);
    }

    public async Task<ProviderEntry?> SetEnabledAsync(string id, bool enabled, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE providers SET enabled = @enabled, revision = nextval('provider_registry_revision'), updated_at = now() " +
            $"WHERE id = @id AND config IS NOT NULL AND deleted_at IS NULL RETURNING {Columns}", connection);
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        command.Parameters.Add(new NpgsqlParameter<bool>("enabled", enabled));
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <summary>Leaves a tombstone; false when there was no such live provider.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE providers SET deleted_at = now(), revision = nextval('provider_registry_revision'), updated_at = now() " +
            "WHERE id = @id AND config IS NOT NULL AND deleted_at IS NULL", connection);
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Adds each provider the table has never held, and brings a row that is still as the adapters seeded it
    /// (origin <c>seed</c>) to the newer <c>providers.json</c>, so a release's catalog update (a new model, a retirement
    /// date) reaches a running deployment. A row an operator wrote (origin <c>admin</c>) or deleted is never overwritten;
    /// its enabled switch is the operator's too and is kept.</summary>
    public async Task<(IReadOnlyList<string> Added, IReadOnlyList<string> Updated)> SeedAsync(
        IReadOnlyList<(string Id, JsonElement Config, bool Enabled)> providers, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var added = new List<string>();
        var updated = new List<string>();
        foreach (var (id, config, enabled) in providers)
        {
            // xmax = 0 only on a freshly inserted row: it tells an insert from an update in one statement.
            await using var command = new NpgsqlCommand(
                "INSERT INTO providers AS p (id, name, family, base_url, config, origin, enabled) " +
                "VALUES (@id, @id, @family, @baseUrl, @config, 'seed', @enabled) " +
                "ON CONFLICT (id) DO UPDATE SET config = excluded.config, family = excluded.family, base_url = excluded.base_url, " +
                "revision = nextval('provider_registry_revision'), updated_at = now() " +
                "WHERE p.origin = 'seed' AND p.deleted_at IS NULL AND p.config IS DISTINCT FROM excluded.config " +
                "RETURNING (xmax = 0)", connection);
            AddConfig(command, id, config);
            command.Parameters.Add(new NpgsqlParameter<bool>("enabled", enabled));
            if (await command.ExecuteScalarAsync(cancellationToken) is bool inserted)
            {
                (inserted ? added : updated).Add(id);
            }
        }
        return (added, updated);
    }

    private static void AddConfig(NpgsqlCommand command, string id, JsonElement config)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        command.Parameters.Add(new NpgsqlParameter<string>("family", config.GetProperty("family").GetString()!));
        command.Parameters.Add(new NpgsqlParameter<string>("baseUrl", config.GetProperty("baseUrl").GetString()!));
        command.Parameters.Add(new NpgsqlParameter("config", NpgsqlDbType.Jsonb) { Value = config.GetRawText() });
    }

    private static async Task<ProviderEntry?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static ProviderEntry Read(NpgsqlDataReader reader)
    {
        using var config = JsonDocument.Parse(reader.GetString(5));
        return new ProviderEntry(reader.GetString(0), reader.GetBoolean(1), reader.GetString(2), reader.GetInt64(3),
            reader.GetFieldValue<DateTimeOffset>(4), config.RootElement.Clone());
    }
}
