using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.State;

/// <summary>
/// The state API shared by HTTP and gRPC: store lookup, key prefixing, daprd's concurrency options and
/// its error mapping (etag mismatch → 409/Aborted, invalid etag → 400/InvalidArgument, transaction → 500/Internal).
/// </summary>
internal sealed class StateService(StateStoreRegistry registry)
{
    public async Task<StateEntry?> GetAsync(string storeName, string key, CancellationToken ct)
    {
        var (store, prefix) = registry.Resolve(storeName);
        var fullKey = StateKeys.Apply(prefix, key);
        try
        {
            return await store.GetAsync(fullKey, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ApiException(500, global::Grpc.Core.StatusCode.Internal, "ERR_STATE_GET", $"fail to get {key} from state store {storeName}: {e.Message}");
        }
    }

    public async Task<IReadOnlyList<BulkStateItem>> GetBulkAsync(string storeName, IReadOnlyList<string> keys, int parallelism, CancellationToken ct)
    {
        var (store, prefix) = registry.Resolve(storeName);
        var results = new BulkStateItem[keys.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : 16, CancellationToken = ct };
        await Parallel.ForAsync(0, keys.Count, options, async (i, token) =>
        {
            var key = keys[i];
            try
            {
                var entry = await store.GetAsync(StateKeys.Apply(prefix, key), token);
                results[i] = new BulkStateItem(key, entry, null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                results[i] = new BulkStateItem(key, null, e.Message);
            }
        });
        return results;
    }

    public async Task SaveAsync(string storeName, IReadOnlyList<SaveItem> items, CancellationToken ct)
    {
        var (store, prefix) = registry.Resolve(storeName);
        foreach (var item in items)
        {
            var write = ToWrite(prefix, item);
            try
            {
                await store.SetAsync(write, ct);
            }
            catch (StateStoreException e)
            {
                throw Map(e, "ERR_STATE_SAVE", $"failed saving state in state store {storeName}: {e.Message}");
            }
            catch (Exception e) when (e is not (OperationCanceledException or ApiException))
            {
                throw new ApiException(500, global::Grpc.Core.StatusCode.Internal, "ERR_STATE_SAVE", $"failed saving state in state store {storeName}: {e.Message}");
            }
        }
    }

    public async Task DeleteAsync(string storeName, string key, string? etag, string? concurrency, CancellationToken ct)
    {
        var (store, prefix) = registry.Resolve(storeName);
        var fullKey = StateKeys.Apply(prefix, key);
        try
        {
            await store.DeleteAsync(fullKey, concurrency == "last-write" ? null : etag, ct);
        }
        catch (StateStoreException e)
        {
            throw Map(e, "ERR_STATE_DELETE", $"failed deleting state with key {key}: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ApiException(500, global::Grpc.Core.StatusCode.Internal, "ERR_STATE_DELETE", $"failed deleting state with key {key}: {e.Message}");
        }
    }

    public async Task TransactAsync(string storeName, IReadOnlyList<TransactionItem> operations, CancellationToken ct)
    {
        var (store, prefix) = registry.Resolve(storeName);
        var ops = new List<StateOperation>(operations.Count);
        foreach (var op in operations)
        {
            ops.Add(op.Operation switch
            {
                "upsert" => new StateOperation(ToWrite(prefix, op.Item)),
                "delete" => new StateOperation(null, StateKeys.Apply(prefix, op.Item.Key), op.Item.Concurrency == "last-write" ? null : op.Item.ETag),
                _ => throw ApiException.BadRequest("ERR_NOT_SUPPORTED_STATE_OPERATION", $"operation type {op.Operation} not supported"),
            });
        }
        try
        {
            await store.TransactAsync(ops, ct);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ApiException))
        {
            throw new ApiException(500, global::Grpc.Core.StatusCode.Internal, "ERR_STATE_TRANSACTION", $"error while executing state transaction: {e.Message}");
        }
    }

    private static StateWrite ToWrite(string? prefix, SaveItem item)
    {
        int? ttl;
        try
        {
            ttl = RedisStateStore.ParseTtl(item.Metadata?.GetValueOrDefault("ttlInSeconds"), "metadata ttlInSeconds");
        }
        catch (StateStoreException e)
        {
            throw ApiException.BadRequest("ERR_MALFORMED_REQUEST", e.Message);
        }
        var etag = item.Concurrency == "last-write" ? null : item.ETag;
        return new StateWrite(StateKeys.Apply(prefix, item.Key), item.Value, etag, ttl, item.Concurrency == "first-write");
    }

    private static ApiException Map(StateStoreException e, string code, string message) => e.Kind switch
    {
        StateErrorKind.ETagMismatch => new ApiException(409, global::Grpc.Core.StatusCode.Aborted, code, message),
        StateErrorKind.ETagInvalid => new ApiException(400, global::Grpc.Core.StatusCode.InvalidArgument, code, message),
        _ => new ApiException(500, global::Grpc.Core.StatusCode.Internal, code, message),
    };
}

internal sealed record SaveItem(string Key, byte[] Value, string? ETag, IReadOnlyDictionary<string, string>? Metadata, string? Concurrency);

internal sealed record TransactionItem(string Operation, SaveItem Item);

internal sealed record BulkStateItem(string Key, StateEntry? Entry, string? Error);
