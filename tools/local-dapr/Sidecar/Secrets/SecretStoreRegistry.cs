namespace Dapr.AiProvider.LocalDapr.Sidecar.Secrets;

/// <summary>The secret stores loaded for this app.</summary>
internal sealed class SecretStoreRegistry(IReadOnlyList<ISecretStore> stores)
{
    public IReadOnlyList<ISecretStore> All { get; } = stores;

    public ISecretStore? Find(string name)
    {
        foreach (var store in All)
        {
            if (string.Equals(store.Name, name, StringComparison.Ordinal))
            {
                return store;
            }
        }
        return null;
    }
}
