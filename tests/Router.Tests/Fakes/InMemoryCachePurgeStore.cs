using System.Globalization;
using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Tests.Fakes;

/// <summary>The shared purge record (the state store's role), ETag-guarded like Dapr's.</summary>
public sealed class InMemoryCachePurgeStore : ICachePurgeStore
{
    private readonly Lock _gate = new();
    private CachePurgeState _state = CachePurgeState.Empty;
    private int _version;

    public Task<(CachePurgeState State, string? ETag)> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult((_state, ETag()));
        }
    }

    public Task<bool> TrySaveAsync(CachePurgeState state, string? etag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (ETag() != etag)
            {
                return Task.FromResult(false);
            }
            _state = state;
            _version++;
            return Task.FromResult(true);
        }
    }

    private string? ETag() => _version == 0 ? null : _version.ToString(CultureInfo.InvariantCulture);
}
