using System.Collections.Concurrent;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>
/// The absolute URI of a relayed call (<c>{base}{prefix}{escaped method}{query}</c>), kept per base address and method: a
/// <see cref="Uri"/> is immutable, and parsing the same few method URIs again on every call was about 1 % of each
/// sidecar's CPU under load (<c>System.Private.Uri</c> in the profile, docs/benchmarks-peer.md "Session 13"). Calls
/// with a query string, and any method once the cache is full, get a URI of their own as before.
/// </summary>
/// <param name="pathPrefix">Between the base address and the method: the peer sidecars' internal route, or nothing.</param>
internal sealed class RelayUris(string pathPrefix = "")
{
    /// <summary>Enough for every method of a few apps; more distinct paths (ids in paths) are simply not cached.</summary>
    internal const int Capacity = 1024;

    private readonly ConcurrentDictionary<(string BaseUrl, string Method), Uri> _uris = new();

    public Uri For(string baseUrl, string method, string? query)
    {
        if (!string.IsNullOrEmpty(query))
        {
            return Create(baseUrl, method, query);
        }
        if (_uris.TryGetValue((baseUrl, method), out var cached))
        {
            return cached;
        }
        var uri = Create(baseUrl, method, null);
        if (_uris.Count < Capacity)
        {
            _uris.TryAdd((baseUrl, method), uri);
        }
        return uri;
    }

    internal int Count => _uris.Count;

    private Uri Create(string baseUrl, string method, string? query) =>
        new(string.Concat(baseUrl, pathPrefix, HttpRelay.EscapePath(method), query), UriKind.RelativeOrAbsolute);
}
