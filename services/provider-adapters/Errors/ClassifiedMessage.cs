using System.Globalization;
using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.ProviderAdapters.Errors;

/// <summary>
/// The only error text a caller sees: the gateway's own sentence for an error class, naming the catalog's
/// provider and model and the provider's status. A provider's own text (organisation and project ids, account
/// details, prompts echoed back) stays in the adapters' log, never in an answer.
/// </summary>
internal static class ClassifiedMessage
{
    public static string For(ErrorClass errorClass, string provider, string model, int providerStatus)
    {
        var text = errorClass switch
        {
            ErrorClass.RateLimited => $"{provider} rate-limited the request",
            ErrorClass.QuotaExhausted => $"{provider}'s quota for {model} is used up",
            ErrorClass.Overloaded => $"{provider} is overloaded",
            ErrorClass.KeyInvalid => $"{provider} rejected the gateway's credentials",
            ErrorClass.Billing => $"{provider} refused the request for billing reasons",
            ErrorClass.InvalidRequest => $"{provider} rejected the request as invalid",
            ErrorClass.ContextLength => $"the prompt is longer than {model}'s context window",
            ErrorClass.ContentFiltered => $"{provider}'s content filter refused the request",
            ErrorClass.ModelNotFound => $"{provider} does not serve {model}",
            ErrorClass.Timeout => $"{provider} did not answer in time",
            ErrorClass.StreamInterrupted => $"{provider}'s answer broke off before its end",
            ErrorClass.ModelRetired => $"{model} is retired",
            ErrorClass.WindowLeaseEnded => $"the free-window lease for {provider}/{model} ended before the request could be sent",
            _ => providerStatus == 0 ? $"{provider} could not be reached" : $"{provider} failed",
        };
        return providerStatus is 0 or 200 ? text : text + " (provider status " + providerStatus.ToString(CultureInfo.InvariantCulture) + ")";
    }
}
