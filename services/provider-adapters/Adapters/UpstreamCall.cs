using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Providers;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>Everything one upstream call needs: the account, the model, the request, the resolved key.</summary>
internal sealed record UpstreamCall(ProviderAccount Account, CatalogModel Model, ChatCompletionRequest Request, string? Key, string RequestId, long Created);
