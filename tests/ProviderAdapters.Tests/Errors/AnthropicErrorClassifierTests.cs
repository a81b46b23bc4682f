using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Errors;

/// <summary>Anthropic error bodies from providers.md §2.</summary>
public sealed class AnthropicErrorClassifierTests
{
    private const string RateLimitBody = """{"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit."}}""";
    private readonly AnthropicErrorClassifier _classifier = new();

    public static TheoryData<int, string, ErrorClass, QuotaWindowKind?> Bodies => new()
    {
        { 429, RateLimitBody, ErrorClass.RateLimited, null },
        { 429, """{"type":"error","error":{"type":"rate_limit_error","message":"You have reached your specified API usage limits.","details":{"error_code":"enforced_spend_limit_reached"}},"request_id":"req_1"}""", ErrorClass.QuotaExhausted, QuotaWindowKind.Month },
        { 529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_2"}""", ErrorClass.Overloaded, null },
        { 401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_3"}""", ErrorClass.KeyInvalid, null },
        { 403, """{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}""", ErrorClass.KeyInvalid, null },
        { 404, """{"type":"error","error":{"type":"not_found_error","message":"model: claude-9"}}""", ErrorClass.ModelNotFound, null },
        { 413, """{"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}""", ErrorClass.ContextLength, null },
        { 400, """{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}""", ErrorClass.ContextLength, null },
        { 400, """{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API."}}""", ErrorClass.Billing, null },
        { 400, """{"type":"error","error":{"type":"invalid_request_error","message":"You have reached your workspace spend limit."}}""", ErrorClass.QuotaExhausted, QuotaWindowKind.Month },
        { 400, """{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}}""", ErrorClass.InvalidRequest, null },
        { 500, """{"type":"error","error":{"type":"api_error","message":"Internal server error"}}""", ErrorClass.UpstreamError, null },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Classify_ProviderBody_GivesDocumentedClass(int status, string body, ErrorClass expected, QuotaWindowKind? window)
    {
        var result = _classifier.Classify(Failures.Make(status, body), Failures.Now);
        Assert.Equal(expected, result.Class);
        Assert.Equal(window, result.QuotaWindow);
    }

    [Fact]
    public void Classify_RateLimitWithRetryAfter_RetryAtIsNowPlusSeconds()
    {
        var result = _classifier.Classify(Failures.Make(429, RateLimitBody, ("retry-after", "30")), Failures.Now);
        Assert.Equal(Failures.Now.AddSeconds(30), result.RetryAt);
    }

    [Fact]
    public void Classify_RateLimitWithoutRetryAfter_UsesLatestRfc3339Reset()
    {
        var result = _classifier.Classify(Failures.Make(429, RateLimitBody,
            ("anthropic-ratelimit-requests-reset", "2026-07-04T10:00:40Z"),
            ("anthropic-ratelimit-tokens-reset", "2026-07-04T10:01:05Z")), Failures.Now);
        Assert.Equal(new DateTimeOffset(2026, 7, 4, 10, 1, 5, TimeSpan.Zero), result.RetryAt);
    }

    [Fact]
    public void Classify_SpendLimit_RetryAtFirstOfNextMonth()
    {
        var result = _classifier.Classify(Failures.Make(429, """{"type":"error","error":{"type":"rate_limit_error","message":"x","details":{"error_code":"enforced_spend_limit_reached"}}}"""), Failures.Now);
        Assert.Equal(new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero), result.RetryAt);
    }
}
