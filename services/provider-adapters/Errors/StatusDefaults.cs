using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.ProviderAdapters.Errors;

/// <summary>The class a bare HTTP status means when the body says nothing more specific.</summary>
internal static class StatusDefaults
{
    public static ErrorClass For(int status) => status switch
    {
        401 or 403 => ErrorClass.KeyInvalid,
        402 => ErrorClass.Billing,
        404 => ErrorClass.ModelNotFound,
        408 or 504 => ErrorClass.Timeout,
        410 => ErrorClass.ModelRetired,
        413 => ErrorClass.ContextLength,
        429 => ErrorClass.RateLimited,
        503 or 529 => ErrorClass.Overloaded,
        >= 400 and < 500 => ErrorClass.InvalidRequest,
        _ => ErrorClass.UpstreamError,
    };
}
