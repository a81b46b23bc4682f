using Dapr.AiProvider.ProviderAdapters.Adapters;
using Dapr.AiProvider.ProviderAdapters.Adapters.Anthropic;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Providers;

namespace Dapr.AiProvider.ProviderAdapters.Health;

/// <summary>The cheapest authenticated GET each family offers: model listings (no tokens spent), TGI's <c>/health</c>.</summary>
internal static class HealthProbeRequests
{
    public static HttpRequestMessage Create(ProviderAccount account, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, account.Endpoint(account.Family == ProviderFamilies.Tgi ? "health" : "models"));
        if (string.IsNullOrEmpty(key))
        {
            return request;
        }
        switch (account.Family)
        {
            case ProviderFamilies.Anthropic:
                request.Headers.TryAddWithoutValidation("x-api-key", key);
                request.Headers.TryAddWithoutValidation("anthropic-version", AnthropicFamily.ApiVersion);
                break;
            case ProviderFamilies.Gemini:
                request.Headers.TryAddWithoutValidation("x-goog-api-key", key);
                break;
            default:
                UpstreamRequests.Bearer(request.Headers, key);
                break;
        }
        return request;
    }
}
