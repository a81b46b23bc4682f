using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Grpc.Core;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Secrets;

/// <summary>Secret lookups with daprd's errors (shared by HTTP and gRPC).</summary>
internal sealed class SecretService(SecretStoreRegistry registry)
{
    public IReadOnlyDictionary<string, string> Get(string storeName, string key)
    {
        var store = Resolve(storeName);
        return store.Get(key)
            ?? throw new ApiException(500, StatusCode.Internal, "ERR_SECRET_GET",
                $"failed getting secret with key {key} from secret store {storeName}: secret {key} not found");
    }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> GetBulk(string storeName) => Resolve(storeName).GetAll();

    private ISecretStore Resolve(string storeName)
    {
        if (registry.All.Count == 0)
        {
            throw new ApiException(500, StatusCode.FailedPrecondition, "ERR_SECRET_STORES_NOT_CONFIGURED", "secret store is not configured");
        }
        return registry.Find(storeName)
            ?? throw new ApiException(401, StatusCode.InvalidArgument, "ERR_SECRET_STORE_NOT_FOUND", $"failed finding secret store with key {storeName}");
    }
}
