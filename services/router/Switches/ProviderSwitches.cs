using Dapr.AiProvider.Router.Admin;
using System.Collections.Frozen;

namespace Dapr.AiProvider.Router.Switches;

/// <summary>
/// Providers switched off at runtime: an immutable set read lock-free on the request path, refreshed
/// from the shared store every few seconds (so every replica follows within one refresh) and updated
/// by the admin API with ETag-guarded writes.
/// </summary>
internal sealed partial class ProviderSwitches(IProviderSwitchStore store, ILogger<ProviderSwitches> logger)
{
    private FrozenSet<string> _disabled = FrozenSet<string>.Empty;

    public FrozenSet<string> Disabled => Volatile.Read(ref _disabled);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var (disabled, _) = await store.GetAsync(cancellationToken);
        Volatile.Write(ref _disabled, disabled.ToFrozenSet(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Turns a provider on or off for every replica; false when the store stayed contended.</summary>
    public async Task<bool> SetAsync(string provider, bool enabled, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var (current, etag) = await store.GetAsync(cancellationToken);
            var next = new HashSet<string>(current, StringComparer.OrdinalIgnoreCase);
            if (enabled ? !next.Remove(provider) : !next.Add(provider))
            {
                Volatile.Write(ref _disabled, next.ToFrozenSet(StringComparer.OrdinalIgnoreCase));
                return true;
            }
            if (await store.TrySaveAsync([.. next.Order(StringComparer.Ordinal)], etag, cancellationToken))
            {
                Volatile.Write(ref _disabled, next.ToFrozenSet(StringComparer.OrdinalIgnoreCase));
                Log.Switched(logger, provider, enabled);
                return true;
            }
        }
        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(2211, LogLevel.Warning, "Provider {Provider} enabled = {Enabled} by an admin")]
        public static partial void Switched(ILogger logger, string provider, bool enabled);
    }
}
