using System.Globalization;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// After authentication: the caller's requests- and tokens-per-minute limits, with OpenAI's
/// <c>x-ratelimit-{limit,remaining,reset}-{requests,tokens}</c> headers; 429 with <c>Retry-After</c> when spent.
/// </summary>
internal sealed class RateLimitFilter(CallerRateLimiter limiter, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var check = await limiter.AcquireAsync(ApiKeyFilter.IdentityOf(http), http.RequestAborted);
        var now = time.GetUtcNow();
        WriteHeaders(http.Response.Headers, "requests", check.Requests, now);
        WriteHeaders(http.Response.Headers, "tokens", check.Tokens, now);
        if (!check.Allowed)
        {
            var denied = check.DeniedBy;
            return ErrorWriter.ToResult(http, new GatewayError(429, "rate_limit_exceeded",
                $"Rate limit of {denied.Limit} {check.DeniedUnit} per minute reached for this {check.DeniedScope}.") { RetryAt = denied.ResetAt }, time);
        }
        return await next(context);
    }

    private static void WriteHeaders(IHeaderDictionary headers, string unit, RateDecision decision, DateTimeOffset now)
    {
        if (decision.Limit <= 0)
        {
            return;
        }
        var reset = Math.Max(1, (int)Math.Ceiling((decision.ResetAt - now).TotalSeconds));
        headers["x-ratelimit-limit-" + unit] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-" + unit] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset-" + unit] = reset.ToString(CultureInfo.InvariantCulture) + "s";
    }
}
