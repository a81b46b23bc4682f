using System.Collections;
using Dapr.AiProvider.LocalDapr.Sidecar.Components;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Secrets;

/// <summary><c>secretstores.local.env</c>: each environment variable of the sidecar process is a secret.</summary>
internal sealed class EnvSecretStore(ComponentSpec spec) : ISecretStore
{
    public string Name { get; } = spec.Name;

    public IReadOnlyDictionary<string, string>? Get(string key) =>
        Environment.GetEnvironmentVariable(key) is { } value
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value }
            : null;

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> GetAll()
    {
        var all = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var key = (string)entry.Key;
            all[key] = new Dictionary<string, string>(StringComparer.Ordinal) { [key] = (string?)entry.Value ?? "" };
        }
        return all;
    }
}
