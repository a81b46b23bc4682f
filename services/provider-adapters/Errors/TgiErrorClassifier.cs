using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.ProviderAdapters.Errors;

/// <summary>
/// Text Generation Inference: <c>{"error","error_type"}</c> — overloaded (429), validation (422),
/// generation (424), incomplete_generation (500). Also used for TGI's in-band stream errors.
/// </summary>
internal sealed class TgiErrorClassifier : IErrorClassifier
{
    public Classification Classify(ProviderFailure failure, DateTimeOffset now)
    {
        var body = ErrorBody.Parse(failure.Body);
        var message = ErrorBody.String(body, "error");
        var type = ErrorBody.String(body, "error_type")?.ToLowerInvariant();
        var safe = ErrorBody.Safe(message, $"provider answered {failure.Status}");
        return type switch
        {
            "overloaded" => new(ErrorClass.Overloaded, safe, RetryTiming.FromRetryHeaders(failure, now)),
            "validation" when IsContextLength(message) => new(ErrorClass.ContextLength, safe, PerModel: true),
            "validation" => new(ErrorClass.InvalidRequest, safe),
            "generation" or "incomplete_generation" => new(ErrorClass.UpstreamError, safe),
            _ when failure.Status == 429 => new(ErrorClass.Overloaded, safe, RetryTiming.FromRetryHeaders(failure, now)),
            _ => new(StatusDefaults.For(failure.Status), safe, RetryTiming.FromRetryHeaders(failure, now)),
        };
    }

    private static bool IsContextLength(string? message) =>
        ErrorBody.Contains(message, "max_total_tokens") || ErrorBody.Contains(message, "input tokens")
        || ErrorBody.Contains(message, "`inputs` tokens") || ErrorBody.Contains(message, "inputs tokens")
        || ErrorBody.Contains(message, "context length");
}
