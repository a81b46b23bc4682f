namespace Dapr.AiProvider.ProviderAdapters.Secrets;

/// <summary>
/// Keys from configuration (section <c>ProviderKeys</c>: name → key), with an optional default for any
/// name — the simulator's <c>sim-key</c>. Used in simulator mode and in tests, where no sidecar runs.
/// </summary>
internal sealed class ConfigKeySource(IReadOnlyDictionary<string, string> keys, string? defaultKey) : IProviderKeySource
{
    public ValueTask<string?> GetAsync(string secretName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(keys.TryGetValue(secretName, out var key) && !string.IsNullOrEmpty(key) ? key : defaultKey);

    public ValueTask<string?> RefreshAsync(string secretName, CancellationToken cancellationToken) =>
        GetAsync(secretName, cancellationToken);
}
