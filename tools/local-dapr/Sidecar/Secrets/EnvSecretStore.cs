using System.Collections;
using Dapr.AiProvider.LocalDapr.Sidecar.Components;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Secrets;

/// <summary>
/// <c>secretstores.local.env</c>: each environment variable of the sidecar process is a secret. As components-contrib
/// <c>secretstores/local/env/envstore.go</c>: with <c>prefix</c> only variables starting with it, named without it;
/// never <c>APP_API_TOKEN</c> or <c>DAPR_*</c>.
/// </summary>
internal sealed class EnvSecretStore(ComponentSpec spec) : ISecretStore
{
    private readonly string _prefix = spec.Get("prefix") ?? "";

    public string Name { get; } = spec.Name;

    public IReadOnlyDictionary<string, string>? Get(string key) =>
        IsAllowed(_prefix + key) && Environment.GetEnvironmentVariable(_prefix + key) is { } value
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value }
            : null;

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> GetAll()
    {
        var all = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var variable = (string)entry.Key;
            if ((_prefix.Length > 0 && variable.Length <= _prefix.Length) || !variable.StartsWith(_prefix, StringComparison.Ordinal) || !IsAllowed(variable))
            {
                continue;
            }
            var key = variable[_prefix.Length..];
            all[key] = new Dictionary<string, string>(StringComparer.Ordinal) { [key] = (string?)entry.Value ?? "" };
        }
        return all;
    }

    private static bool IsAllowed(string variable) =>
        !string.Equals(variable, "APP_API_TOKEN", StringComparison.OrdinalIgnoreCase)
        && !variable.StartsWith("DAPR_", StringComparison.OrdinalIgnoreCase);
}
