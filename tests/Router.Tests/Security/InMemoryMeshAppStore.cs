using Dapr.AiProvider.Router.Auth;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>The shared mesh-app list in memory (ETag = a version number).</summary>
public sealed class InMemoryMeshAppStore : IMeshAppStore
{
    private readonly object _gate = new();
    private IReadOnlyList<MeshApp> _apps = [];
    private int _version;

    public Task<(IReadOnlyList<MeshApp> Apps, string? ETag)> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult((_apps, _version == 0 ? null : _version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    public Task<bool> TrySaveAsync(IReadOnlyList<MeshApp> apps, string? etag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var current = _version == 0 ? null : _version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (etag != current)
            {
                return Task.FromResult(false);
            }
            _apps = [.. apps];
            _version++;
            return Task.FromResult(true);
        }
    }
}
