using Dapr.AiProvider.Quota.Data;
using Npgsql;
using NpgsqlTypes;

namespace Dapr.AiProvider.Quota.Keys;

/// <summary>The <c>api_keys</c> and <c>audit_log</c> tables (plain Npgsql, typed parameters).</summary>
internal sealed class ApiKeyStore(LedgerDatabase database)
{
    private const string Columns =
        "id, prefix, name, role, team, allowed_models, requests_per_minute, tokens_per_minute, created_at, revoked_at, last_used_at";

    public async Task<ApiKeyInfo> InsertAsync(string id, string prefix, string hash, CreateKeyRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "INSERT INTO api_keys (id, prefix, hash, name, role, team, allowed_models, requests_per_minute, tokens_per_minute) " +
            $"VALUES (@id, @prefix, @hash, @name, @role, @team, @models, @rpm, @tpm) RETURNING {Columns}", connection);
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        command.Parameters.Add(new NpgsqlParameter<string>("prefix", prefix));
        command.Parameters.Add(new NpgsqlParameter<string>("hash", hash));
        command.Parameters.Add(new NpgsqlParameter<string>("name", request.Name!.Trim()));
        command.Parameters.Add(new NpgsqlParameter<string>("role", request.Role!));
        command.Parameters.Add(new NpgsqlParameter("team", NpgsqlDbType.Text) { Value = (object?)request.Team ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<string[]>("models", [.. request.AllowedModels ?? []]));
        command.Parameters.Add(new NpgsqlParameter("rpm", NpgsqlDbType.Integer) { Value = (object?)request.RequestsPerMinute ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("tpm", NpgsqlDbType.Integer) { Value = (object?)request.TokensPerMinute ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Read(reader);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM api_keys ORDER BY created_at, id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }
        return keys;
    }

    /// <summary>The key with this prefix and its stored hash, or null.</summary>
    public async Task<(ApiKeyInfo Info, string Hash)?> FindByPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {Columns}, hash FROM api_keys WHERE prefix = @prefix", connection);
        command.Parameters.Add(new NpgsqlParameter<string>("prefix", prefix));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Read(reader), reader.GetString(11)) : null;
    }

    /// <summary>Sets revoked_at once; false when no such key.</summary>
    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @at) WHERE id = @id", connection);
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", at));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>One batched statement; last_used_at only moves forward.</summary>
    public async Task<int> TouchAsync(IReadOnlyList<string> ids, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE api_keys SET last_used_at = @at WHERE id = ANY(@ids) AND (last_used_at IS NULL OR last_used_at < @at)", connection);
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. ids]));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", at));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AuditAsync(string actor, string action, string target, string? detailsJson, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "INSERT INTO audit_log (actor, action, target, details) VALUES (@actor, @action, @target, @details)", connection);
        command.Parameters.Add(new NpgsqlParameter<string>("actor", actor));
        command.Parameters.Add(new NpgsqlParameter<string>("action", action));
        command.Parameters.Add(new NpgsqlParameter<string>("target", target));
        command.Parameters.Add(new NpgsqlParameter("details", NpgsqlDbType.Jsonb) { Value = (object?)detailsJson ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ApiKeyInfo Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Prefix = reader.GetString(1),
        Name = reader.GetString(2),
        Role = reader.GetString(3),
        Team = reader.IsDBNull(4) ? null : reader.GetString(4),
        AllowedModels = reader.GetFieldValue<string[]>(5),
        RequestsPerMinute = reader.IsDBNull(6) ? null : reader.GetInt32(6),
        TokensPerMinute = reader.IsDBNull(7) ? null : reader.GetInt32(7),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(8),
        RevokedAt = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
        LastUsedAt = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
    };
}
