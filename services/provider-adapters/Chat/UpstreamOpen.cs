using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Chat;

/// <summary>The provider's 2xx response with its headers read (body not yet), or the classified failure.</summary>
internal sealed record UpstreamOpen(HttpResponseMessage? Response, UpstreamCall? Call, IChatFamily? Family, AdapterError? Error, long StartTimestamp)
{
    public static UpstreamOpen Failed(AdapterError error, long started) => new(null, null, null, error, started);
}
