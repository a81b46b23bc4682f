using System.Collections.Frozen;
using Dapr.AiProvider.Router.State;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// The mesh apps admitted by their Dapr identity: an immutable map read lock-free on the request path, refreshed
/// from the shared store every few seconds (every replica follows within one refresh) and changed by the
/// admin API with ETag-guarded writes.
/// </summary>
internal sealed partial class MeshApps(IMeshAppStore store, ILogger<MeshApps> logger) : ISharedRecordMirror
{
    private readonly SharedRecord<MeshApp[]> _record = new(store, []);
    private FrozenDictionary<string, ApiKeyIdentity> _identities = FrozenDictionary<string, ApiKeyIdentity>.Empty;
    private IReadOnlyList<MeshApp> _apps = [];

    public IReadOnlyList<MeshApp> All => Volatile.Read(ref _apps);

    /// <summary>The identity of a registered app; null when the app is not on the list.</summary>
    public ApiKeyIdentity? Find(string appId) => Volatile.Read(ref _identities).GetValueOrDefault(appId);

    public string Name => "mesh apps";

    public async Task RefreshAsync(CancellationToken cancellationToken) => Publish(await _record.ReadAsync(cancellationToken));

    /// <summary>Adds or replaces an app (<paramref name="app"/>) or removes one (null); false when the store stayed contended.</summary>
    public async Task<bool> SetAsync(string appId, MeshApp? app, CancellationToken cancellationToken)
    {
        var update = await _record.UpdateAsync(current =>
        {
            var next = current.Where(a => !string.Equals(a.AppId, appId, StringComparison.Ordinal)).ToList();
            if (app is not null)
            {
                next.Add(app);
            }
            next.Sort((a, b) => string.CompareOrdinal(a.AppId, b.AppId));
            return [.. next];
        }, cancellationToken);
        if (update is not SharedRecordUpdate<MeshApp[]>.Saved saved)
        {
            return false;
        }
        Publish(saved.Value);
        Log.Changed(logger, appId, app is not null);
        return true;
    }

    private void Publish(IReadOnlyList<MeshApp> apps)
    {
        Volatile.Write(ref _identities, apps.ToFrozenDictionary(a => a.AppId, a => a.ToIdentity(), StringComparer.Ordinal));
        Volatile.Write(ref _apps, apps);
    }

    private static partial class Log
    {
        [LoggerMessage(2161, LogLevel.Warning, "Mesh app {AppId} admitted by its Dapr identity = {Admitted} (by an admin)")]
        public static partial void Changed(ILogger logger, string appId, bool admitted);
    }
}
