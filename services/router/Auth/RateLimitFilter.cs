using System.Globalization;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// After authentication: the caller's requests-per-minute limit, with <c>x-ratelimit-limit-requests</c>,
/// <c>x-ratelimit-remaining-requests</c>, <c>x-ratelimit-reset-requests</c>; 429 with <c>Retry-After</c> when spent.
/// </summary>
internal sealed class RateLimitFilter(RequestRateLimiter limiter, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var decision = await limiter.AcquireAsync(ApiKeyFilter.IdentityOf(http), http.RequestAborted);
        if (decision.Limit > 0)
        {
            var headers = http.Response.Headers;
            var reset = Math.Max(1, (int)Math.Ceiling((decision.ResetAt - time.GetUtcNow()).TotalSeconds));
            headers["x-ratelimit-limit-requests"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-requests"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-requests"] = reset.ToString(CultureInfo.InvariantCulture) + "s";
        }
        if (!decision.Allowed)
        {
            return ErrorWriter.ToResult(http, new GatewayError(429, "rate_limit_exceeded",
                $"Rate limit of {decision.Limit} requests per minute reached for this {decision.Scope}.") { RetryAt = decision.ResetAt }, time);
        }
        return await next(context);
    }
}
