using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Errors;

/// <summary>
/// What a classifier concluded about one failure; the pipeline adds provider, model and status. <see cref="Message"/>
/// is the detail for the adapters' log (it may quote the provider); the wire error carries <see cref="ClassifiedMessage"/>.
/// </summary>
internal sealed record Classification(
    ErrorClass Class,
    string Message,
    DateTimeOffset? RetryAt = null,
    QuotaWindowKind? QuotaWindow = null,
    bool PerModel = false,
    bool AfterContent = false,
    IReadOnlyList<LearnedLimit>? LearnedLimits = null)
{
    public AdapterError ToError(string provider, string model, int providerStatus) => new()
    {
        Class = Class,
        Message = ClassifiedMessage.For(Class, provider, model, providerStatus),
        Provider = provider,
        Model = model,
        ProviderStatus = providerStatus,
        RetryAt = RetryAt,
        QuotaWindow = QuotaWindow,
        PerModel = PerModel,
        AfterContent = AfterContent,
        LearnedLimits = LearnedLimits,
    };
}
