using System.Globalization;
using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Sidecar.State;

/// <summary><c>state.redis</c>, stored exactly as components-contrib stores it (see <see cref="RedisScripts"/>).</summary>
internal sealed class RedisStateStore(ComponentSpec spec, IRedisConnections redis) : IStateStore
{
    private readonly int? _defaultTtl = ParseTtl(spec.Get("ttlInSeconds"), "component metadata ttlInSeconds");

    public string Name => spec.Name;
    public bool IsActorStateStore { get; } = spec.GetBool("actorStateStore");
    public ComponentSpec Spec => spec;

    private IDatabase Db => redis.Database(spec);

    public async Task<StateEntry?> GetAsync(string key, CancellationToken ct)
    {
        HashEntry[] fields;
        try
        {
            fields = await Db.HashGetAllAsync(key).WaitAsync(ct);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal))
        {
            var plain = await Db.StringGetAsync(key).WaitAsync(ct);
            return plain.IsNull ? null : new StateEntry((byte[])plain!, "", null);
        }
        if (fields.Length == 0)
        {
            return null;
        }
        byte[] data = [];
        var version = "";
        foreach (var field in fields)
        {
            if (field.Name == "data")
            {
                data = (byte[])field.Value!;
            }
            else if (field.Name == "version")
            {
                version = field.Value.ToString();
            }
        }
        return new StateEntry(data, version, null);
    }

    public async Task SetAsync(StateWrite write, CancellationToken ct)
    {
        var etag = ParseETag(write.ETag);
        var ttl = write.TtlSeconds ?? _defaultTtl;
        try
        {
            await Db.ScriptEvaluateAsync(RedisScripts.Set, [write.Key],
                [etag, write.Value, write.FirstWrite ? "0" : "1"]).WaitAsync(ct);
        }
        catch (RedisServerException e)
        {
            throw string.IsNullOrEmpty(write.ETag)
                ? new StateStoreException(StateErrorKind.Failed, $"failed to set key {write.Key}: {e.Message}")
                : new StateStoreException(StateErrorKind.ETagMismatch, "possible etag mismatch. error from state store: " + e.Message);
        }
        if (ttl is > 0)
        {
            await Db.KeyExpireAsync(write.Key, TimeSpan.FromSeconds(ttl.Value)).WaitAsync(ct);
        }
        else if (ttl is not null)
        {
            await Db.KeyPersistAsync(write.Key).WaitAsync(ct);
        }
    }

    public async Task DeleteAsync(string key, string? etag, CancellationToken ct)
    {
        try
        {
            await Db.ScriptEvaluateAsync(RedisScripts.Delete, [key], [string.IsNullOrEmpty(etag) ? "0" : etag]).WaitAsync(ct);
        }
        catch (RedisServerException e)
        {
            throw new StateStoreException(StateErrorKind.ETagMismatch, "possible etag mismatch. error from state store: " + e.Message);
        }
    }

    public async Task TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken ct)
    {
        var transaction = Db.CreateTransaction();
        var pending = new List<Task>(operations.Count * 2);
        foreach (var op in operations)
        {
            if (op.Write is { } write)
            {
                var etag = ParseETag(write.ETag);
                var ttl = write.TtlSeconds ?? _defaultTtl;
                pending.Add(transaction.ScriptEvaluateAsync(RedisScripts.Set, [write.Key], [etag, write.Value, "1"]));
                if (ttl is > 0)
                {
                    pending.Add(transaction.KeyExpireAsync(write.Key, TimeSpan.FromSeconds(ttl.Value)));
                }
                else if (ttl is not null)
                {
                    pending.Add(transaction.KeyPersistAsync(write.Key));
                }
            }
            else if (op.DeleteKey is { } key)
            {
                pending.Add(transaction.ScriptEvaluateAsync(RedisScripts.Delete, [key], [string.IsNullOrEmpty(op.DeleteETag) ? "0" : op.DeleteETag]));
            }
        }
        await transaction.ExecuteAsync().WaitAsync(ct);
        foreach (var task in pending)
        {
            try
            {
                await task;
            }
            catch (RedisServerException e)
            {
                throw new StateStoreException(StateErrorKind.ETagMismatch, e.Message);
            }
        }
    }

    /// <summary>contrib parseETag: none → 0; non-numeric → ETagInvalid.</summary>
    private static string ParseETag(string? etag)
    {
        if (string.IsNullOrEmpty(etag))
        {
            return "0";
        }
        return int.TryParse(etag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var version)
            ? version.ToString(CultureInfo.InvariantCulture)
            : throw new StateStoreException(StateErrorKind.ETagInvalid, $"invalid etag value: strconv.Atoi: parsing \"{etag}\": invalid syntax");
    }

    internal static int? ParseTtl(string? value, string what) =>
        string.IsNullOrEmpty(value) ? null
        : int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ttl) ? ttl
        : throw new StateStoreException(StateErrorKind.Failed, $"{what}: '{value}' is not an integer");
}
