using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Adapters;
using Dapr.AiProvider.ProviderAdapters.Pricing;
using Dapr.AiProvider.ProviderAdapters.Providers;

namespace Dapr.AiProvider.ProviderAdapters.Chat;

/// <summary>Builds the usage report of a finished call: tokens, exact cost, latency, headroom.</summary>
internal sealed class UsageReports(ProviderRegistry registry, TimeProvider time)
{
    public AdapterUsageReport Build(UpstreamCall call, TokenUsage usage, string? finishReason, long startTimestamp, ProviderHeadroom? headroom) => new()
    {
        Provider = call.Account.Id,
        Model = call.Model.Model,
        Tokens = usage,
        CostMicros = CostCalculator.CostMicros(usage, call.Model.Price),
        PriceTableVersion = registry.Prices.Version,
        ProviderLatencyMs = time.GetElapsedTime(startTimestamp).TotalMilliseconds,
        Headroom = headroom,
        FinishReason = finishReason,
    };
}
