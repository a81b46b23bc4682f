using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Providers;

/// <summary>
/// A resolved provider account (immutable): effective base URL, auth, models with their prices. A class, not a record:
/// it keeps what every call reads (its client name, its endpoint URIs) built once, which a record's <c>with</c> copy and
/// value equality would carry over or compare.
/// </summary>
internal sealed class ProviderAccount(
    string id,
    string family,
    Uri baseUri,
    string? apiKeySecret,
    IReadOnlyDictionary<string, string> headers,
    Uri? tokenExchangeUri,
    IReadOnlyDictionary<string, CatalogModel> models,
    string rateLimitHeaders = Configuration.RateLimitDialects.OpenAi)
{
    private readonly ConcurrentDictionary<string, Uri> _endpoints = new(StringComparer.Ordinal);

    public string Id { get; } = id;
    public string Family { get; } = family;
    public Uri BaseUri { get; } = baseUri;
    public string? ApiKeySecret { get; } = apiKeySecret;
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;
    public Uri? TokenExchangeUri { get; } = tokenExchangeUri;
    public IReadOnlyDictionary<string, CatalogModel> Models { get; } = models;
    public string RateLimitHeaders { get; } = rateLimitHeaders;

    /// <summary>The name of the HttpClient (and its long-lived handler) for this upstream.</summary>
    public string HttpClientName { get; } = "upstream:" + id;

    /// <summary>
    /// <c>{base}/{relative}</c> without doubling or losing slashes. Built once per path and shared by every call to it
    /// (a <see cref="Uri"/> is immutable and caches what the HTTP stack reads from it: host, path and query); the paths
    /// are the families' fixed ones and, for Gemini, one per catalog model, so the set stays small.
    /// </summary>
    public Uri Endpoint(string relative) =>
        _endpoints.GetOrAdd(relative, static (path, baseUri) => new Uri(baseUri.AbsoluteUri.TrimEnd('/') + "/" + path.TrimStart('/')), BaseUri);
}
