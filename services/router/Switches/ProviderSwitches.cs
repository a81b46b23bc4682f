using Dapr.AiProvider.Router.State;
using System.Collections.Frozen;

namespace Dapr.AiProvider.Router.Switches;

/// <summary>
/// Providers switched off at runtime: an immutable set read lock-free on the request path, refreshed
/// from the shared store every few seconds (so every replica follows within one refresh) and updated
/// by the admin API with ETag-guarded writes.
/// </summary>
internal sealed partial class ProviderSwitches(IProviderSwitchStore store, ILogger<ProviderSwitches> logger) : ISharedRecordMirror
{
    private readonly SharedRecord<string[]> _record = new(store, []);
    private FrozenSet<string> _disabled = FrozenSet<string>.Empty;

    public FrozenSet<string> Disabled => Volatile.Read(ref _disabled);

    public string Name => "disabled providers";

    public async Task RefreshAsync(CancellationToken cancellationToken) => Publish(await _record.ReadAsync(cancellationToken));

    /// <summary>Turns a provider on or off for every replica; false when the store stayed contended.</summary>
    public async Task<bool> SetAsync(string provider, bool enabled, CancellationToken cancellationToken)
    {
        var update = await _record.UpdateAsync(current =>
        {
            var next = new HashSet<string>(current, StringComparer.OrdinalIgnoreCase);
            return (enabled ? next.Remove(provider) : next.Add(provider)) ? [.. next.Order(StringComparer.Ordinal)] : null;
        }, cancellationToken);
        switch (update)
        {
            case SharedRecordUpdate<string[]>.Saved saved:
                Publish(saved.Value);
                Log.Switched(logger, provider, enabled);
                return true;
            case SharedRecordUpdate<string[]>.Unchanged unchanged:
                Publish(unchanged.Value);
                return true;
            default:
                return false;
        }
    }

    private void Publish(string[] disabled) => Volatile.Write(ref _disabled, disabled.ToFrozenSet(StringComparer.OrdinalIgnoreCase));

    private static partial class Log
    {
        [LoggerMessage(2211, LogLevel.Warning, "Provider {Provider} enabled = {Enabled} by an admin")]
        public static partial void Switched(ILogger logger, string provider, bool enabled);
    }
}
