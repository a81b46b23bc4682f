namespace Dapr.AiProvider.LocalDapr.Sidecar.Secrets;

/// <summary>A secret store component. A secret is a map (one entry unless the store is multi-valued).</summary>
internal interface ISecretStore
{
    string Name { get; }
    /// <summary>The secret, or null when the store has no such secret.</summary>
    IReadOnlyDictionary<string, string>? Get(string key);
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> GetAll();
}
