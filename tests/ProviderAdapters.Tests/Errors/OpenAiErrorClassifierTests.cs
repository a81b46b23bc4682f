using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Errors;

/// <summary>OpenAI-shaped providers (OpenAI, GitHub Models, Hugging Face router, compatible servers), bodies from providers.md.</summary>
public sealed class OpenAiErrorClassifierTests
{
    private const string RateLimitBody = """{"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-x on requests per min (RPM): Limit 3, Used 3, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""";
    private readonly OpenAiErrorClassifier _classifier = new();

    public static TheoryData<int, string, string?, ErrorClass, QuotaWindowKind?> Bodies => new()
    {
        { 429, """{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""", null, ErrorClass.QuotaExhausted, QuotaWindowKind.Month },
        { 429, """{"error":{"message":"Your credit balance is exhausted.","type":"insufficient_quota","param":null,"code":"credit_balance_exhausted"}}""", null, ErrorClass.QuotaExhausted, QuotaWindowKind.Month },
        { 429, """{"error":{"message":"Project spend limit exceeded.","type":"invalid_request_error","param":null,"code":"project_spend_limit_exceeded"}}""", null, ErrorClass.QuotaExhausted, QuotaWindowKind.Month },
        { 401, """{"error":{"message":"Incorrect API key provided: sk-abc***. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""", null, ErrorClass.KeyInvalid, null },
        { 403, """{"error":{"message":"Country, region, or territory not supported","type":"request_forbidden","param":null,"code":"unsupported_country_region_territory"}}""", null, ErrorClass.KeyInvalid, null },
        { 404, """{"error":{"message":"The model `gpt-9` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}""", null, ErrorClass.ModelNotFound, null },
        { 400, """{"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""", null, ErrorClass.ContextLength, null },
        { 400, """{"error":{"message":"Invalid value for 'temperature'.","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}""", null, ErrorClass.InvalidRequest, null },
        { 400, """{"error":{"message":"The response was filtered due to the prompt triggering content management policy.","type":null,"param":"prompt","code":"content_filter"}}""", null, ErrorClass.ContentFiltered, null },
        { 500, """{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}""", null, ErrorClass.UpstreamError, null },
        { 503, """{"error":{"message":"The engine is currently overloaded, please try again later.","type":"server_error","param":null,"code":null}}""", null, ErrorClass.Overloaded, null },
        { 402, """{"error":"You have exceeded your monthly included credits for Inference Providers. Subscribe to PRO to get 20x more monthly included credits."}""", null, ErrorClass.QuotaExhausted, QuotaWindowKind.Month },
        { 402, """{"error":{"message":"Payment required","type":"billing_error"}}""", null, ErrorClass.Billing, null },
        { 429, """{"error":{"code":"RateLimitReached","message":"Rate limit of 50 per 86400s exceeded for UserByModelByDay. Please wait 5631 seconds before retrying.","details":"Rate limit of 50 per 86400s exceeded for UserByModelByDay. Please wait 5631 seconds before retrying."}}""", "UserByModelByDay", ErrorClass.QuotaExhausted, QuotaWindowKind.Day },
        { 429, """{"error":{"code":"RateLimitReached","message":"Rate limit of 15 per 60s exceeded for UserByModelByMinute. Please wait 20 seconds before retrying.","details":""}}""", "UserByModelByMinute", ErrorClass.RateLimited, null },
        { 429, """{"error":"Model is overloaded","error_type":"overloaded"}""", null, ErrorClass.Overloaded, null },
        { 429, RateLimitBody, null, ErrorClass.RateLimited, null },
        { 502, "<html>Bad gateway</html>", null, ErrorClass.UpstreamError, null },
        // The free tiers' daily windows (docs/providers.md): nothing until the day turns.
        { 429, """{"error":{"message":"Rate limit reached for model `llama-3.1-8b-instant` in organization `org_x` service tier `on_demand` on requests per day (RPD): Limit 14400, Used 14400, Requested 1. Please try again in 1m26.4s.","type":"requests","code":"rate_limit_exceeded"}}""", null, ErrorClass.QuotaExhausted, QuotaWindowKind.Day },
        { 429, """{"message":"Requests per day limit exceeded - too many requests sent.","type":"too_many_requests_error","param":"quota","code":"request_quota_exceeded"}""", null, ErrorClass.QuotaExhausted, QuotaWindowKind.Day },
        { 429, """{"error":{"message":"Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day","code":429}}""", null, ErrorClass.QuotaExhausted, QuotaWindowKind.Day },
        { 429, """{"result":null,"success":false,"errors":[{"code":4006,"message":"you have used up your daily free allocation of 10,000 neurons, please upgrade to Cloudflare's Workers Paid plan if you would like to continue usage."}],"messages":[]}""", null, ErrorClass.QuotaExhausted, QuotaWindowKind.Day },
        { 429, """{"message":"Requests per minute limit exceeded - too many requests sent.","type":"too_many_requests_error","param":"quota","code":"request_quota_exceeded"}""", null, ErrorClass.RateLimited, null },
        // Retired models: GitHub Models' 410, Groq's decommissioned model, OpenAI's deprecated one.
        { 410, """{"error":{"code":"gone","message":"GitHub Models was retired on 2026-07-30."}}""", null, ErrorClass.ModelRetired, null },
        { 400, """{"error":{"message":"The model `mixtral-8x7b-32768` has been decommissioned and is no longer supported.","type":"invalid_request_error","code":"model_decommissioned"}}""", null, ErrorClass.ModelRetired, null },
        { 404, """{"error":{"message":"The model `text-davinci-003` has been deprecated, learn more here: https://platform.openai.com/docs/deprecations","type":"invalid_request_error","param":null,"code":"model_not_found"}}""", null, ErrorClass.ModelRetired, null },
    };

    [Theory]
    [InlineData("""{"error":{"message":"Rate limit exceeded: free-models-per-day.","code":429}}""", false)]
    [InlineData("""{"errors":[{"code":4006,"message":"you have used up your daily free allocation of 10,000 neurons"}],"success":false}""", false)]
    [InlineData("""{"error":{"message":"Rate limit reached for model `m` on tokens per day (TPD): Limit 500000, Used 500000, Requested 10.","type":"tokens","code":"rate_limit_exceeded"}}""", true)]
    public void Classify_DailyFreeWindow_AccountWideOrPerModelAndUntilNextUtcMidnight(string body, bool perModel)
    {
        var result = _classifier.Classify(Failures.Make(429, body), Failures.Now);

        Assert.Equal((ErrorClass.QuotaExhausted, QuotaWindowKind.Day, perModel), (result.Class, result.QuotaWindow!.Value, result.PerModel));
        Assert.Equal(new DateTimeOffset(2026, 7, 5, 0, 0, 0, TimeSpan.Zero), result.RetryAt);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Classify_ProviderBody_GivesDocumentedClass(int status, string body, string? limitType, ErrorClass expected, QuotaWindowKind? window)
    {
        var failure = limitType is null ? Failures.Make(status, body) : Failures.Make(status, body, ("x-ratelimit-type", limitType), ("retry-after", "5631"));
        var result = _classifier.Classify(failure, Failures.Now);
        Assert.Equal(expected, result.Class);
        Assert.Equal(window, result.QuotaWindow);
        Assert.DoesNotContain("\n", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_InsufficientQuota_RetryAtIsStartOfNextMonthUtc()
    {
        var result = _classifier.Classify(Failures.Make(429, """{"error":{"type":"insufficient_quota","code":"insufficient_quota","message":"x"}}"""), Failures.Now);
        Assert.Equal(new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero), result.RetryAt);
    }

    [Fact]
    public void Classify_RateLimitWithResetDurations_UsesTheExhaustedDimension()
    {
        var result = _classifier.Classify(Failures.Make(429, RateLimitBody,
            ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "6m0s"),
            ("x-ratelimit-remaining-tokens", "14000"), ("x-ratelimit-reset-tokens", "12ms")), Failures.Now);
        Assert.Equal(ErrorClass.RateLimited, result.Class);
        Assert.Equal(Failures.Now.AddMinutes(6), result.RetryAt);
    }

    [Fact]
    public void Classify_RetryAfterMs_WinsOverRetryAfterSeconds()
    {
        var result = _classifier.Classify(Failures.Make(429, RateLimitBody, ("retry-after-ms", "1500"), ("retry-after", "20")), Failures.Now);
        Assert.Equal(Failures.Now.AddMilliseconds(1500), result.RetryAt);
    }

    [Fact]
    public void Classify_RetryAfterHttpDate_IsParsedAsAnInstant()
    {
        var result = _classifier.Classify(Failures.Make(429, RateLimitBody, ("retry-after", "Sat, 04 Jul 2026 10:02:30 GMT")), Failures.Now);
        Assert.Equal(Failures.Now.AddSeconds(150), result.RetryAt);
    }

    [Fact]
    public void Classify_GitHubUserByModelByDay_BenchesThatModelForRetryAfterSeconds()
    {
        var result = _classifier.Classify(Failures.Make(429, """{"error":{"code":"RateLimitReached","message":"Rate limit of 50 per 86400s exceeded for UserByModelByDay."}}""",
            ("x-ratelimit-type", "UserByModelByDay"), ("retry-after", "5631")), Failures.Now);
        Assert.True(result.PerModel);
        Assert.Equal(Failures.Now.AddSeconds(5631), result.RetryAt);
    }
}
