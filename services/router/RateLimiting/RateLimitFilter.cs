using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Auth;
using System.Globalization;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.RateLimiting;

/// <summary>
/// After authentication: the caller's requests- and tokens-per-minute limits, with OpenAI's
/// <c>x-ratelimit-{limit,remaining,reset}-{requests,tokens}</c> headers; 429 with <c>Retry-After</c> when spent.
/// </summary>
internal sealed class RateLimitFilter(CallerRateLimiter limiter, TimeProvider time) : IEndpointFilter
{
    private static readonly HeaderNames RequestHeaders = new("requests");
    private static readonly HeaderNames TokenHeaders = new("tokens");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var check = await limiter.AcquireAsync(ApiKeyFilter.IdentityOf(http), http.RequestAborted);
        var now = time.GetUtcNow();
        WriteHeaders(http.Response.Headers, RequestHeaders, check.Requests, now);
        WriteHeaders(http.Response.Headers, TokenHeaders, check.Tokens, now);
        if (!check.Allowed)
        {
            var denied = check.DeniedBy;
            return ErrorWriter.ToResult(http, new GatewayError(429, "rate_limit_exceeded",
                $"Rate limit of {denied.Limit} {check.DeniedUnit} per minute reached for this {check.DeniedScope}.") { RetryAt = denied.ResetAt }, time);
        }
        return await next(context);
    }

    private static void WriteHeaders(IHeaderDictionary headers, HeaderNames names, RateDecision decision, DateTimeOffset now)
    {
        if (decision.Limit <= 0)
        {
            return;
        }
        var reset = Math.Max(1, (int)Math.Ceiling((decision.ResetAt - now).TotalSeconds));
        headers[names.Limit] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers[names.Remaining] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers[names.Reset] = reset.ToString(CultureInfo.InvariantCulture) + "s";
    }

    /// <summary>The three header names of one unit, built once rather than per request.</summary>
    private sealed record HeaderNames(string Limit, string Remaining, string Reset)
    {
        public HeaderNames(string unit) : this("x-ratelimit-limit-" + unit, "x-ratelimit-remaining-" + unit, "x-ratelimit-reset-" + unit)
        {
        }
    }
}
