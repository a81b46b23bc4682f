using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Providers;

/// <summary>A resolved provider account (immutable): effective base URL, auth, models with their prices.</summary>
internal sealed record ProviderAccount(
    string Id,
    string Family,
    Uri BaseUri,
    string? ApiKeySecret,
    IReadOnlyDictionary<string, string> Headers,
    Uri? TokenExchangeUri,
    IReadOnlyDictionary<string, CatalogModel> Models,
    string RateLimitHeaders = Configuration.RateLimitDialects.OpenAi)
{
    /// <summary>The name of the HttpClient (and its long-lived handler) for this upstream.</summary>
    public string HttpClientName => "upstream:" + Id;

    /// <summary><c>{base}/{relative}</c> without doubling or losing slashes.</summary>
    public Uri Endpoint(string relative) =>
        new(BaseUri.AbsoluteUri.TrimEnd('/') + "/" + relative.TrimStart('/'));
}
