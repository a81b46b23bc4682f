using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Errors;

/// <summary>Gemini RESOURCE_EXHAUSTED bodies (providers.md §3, continuedev/continue #11681, gemini-cli #8437).</summary>
public sealed class GeminiErrorClassifierTests
{
    private const string PerDayBody = """
        {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 20, model: gemini-2.5-flash\nPlease retry in 20.223932614s.","status":"RESOURCE_EXHAUSTED",
         "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaDimensions":{"location":"global","model":"gemini-2.5-flash"},"quotaValue":"20"}]},
                    {"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Learn more about Gemini API quotas","url":"https://ai.google.dev/gemini-api/docs/rate-limits"}]},
                    {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"55s"}]}}
        """;

    private readonly GeminiErrorClassifier _classifier = new();

    [Fact]
    public void Classify_PerDayQuota_BenchesUntilNextPacificMidnight()
    {
        var result = _classifier.Classify(Failures.Make(429, PerDayBody), Failures.Now);
        Assert.Equal(ErrorClass.QuotaExhausted, result.Class);
        Assert.Equal(QuotaWindowKind.Day, result.QuotaWindow);
        Assert.True(result.PerModel);
        // 2026-07-04 10:00Z is 03:00 PDT; the next midnight in Los Angeles is 2026-07-05 07:00Z.
        Assert.Equal(new DateTimeOffset(2026, 7, 5, 7, 0, 0, TimeSpan.Zero), result.RetryAt);
    }

    [Fact]
    public void Classify_PerMinuteQuota_UsesFractionalRetryDelay()
    {
        var body = PerDayBody.Replace("GenerateRequestsPerDayPerProjectPerModel-FreeTier", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier", StringComparison.Ordinal)
            .Replace("\"55s\"", "\"20.223932614s\"", StringComparison.Ordinal);
        var result = _classifier.Classify(Failures.Make(429, body), Failures.Now);
        Assert.Equal(ErrorClass.QuotaExhausted, result.Class);
        Assert.Equal(QuotaWindowKind.Minute, result.QuotaWindow);
        Assert.Equal(Failures.Now + TimeSpan.FromMilliseconds(20_223.932614), result.RetryAt);
    }

    [Fact]
    public void Classify_LimitZero_ModelHasNoQuotaInTier()
    {
        var body = PerDayBody.Replace("limit: 20", "limit: 0", StringComparison.Ordinal).Replace("\"quotaValue\":\"20\"", "\"quotaValue\":\"0\"", StringComparison.Ordinal);
        var result = _classifier.Classify(Failures.Make(429, body), Failures.Now);
        Assert.Equal(ErrorClass.QuotaExhausted, result.Class);
        Assert.Equal(QuotaWindowKind.None, result.QuotaWindow);
        Assert.Null(result.RetryAt);
    }

    [Fact]
    public void Classify_ResourceExhaustedWithoutQuotaFailure_IsRateLimitedWithRetryDelay()
    {
        var body = """{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"45.837906927s"}]}}""";
        var result = _classifier.Classify(Failures.Make(429, body), Failures.Now);
        Assert.Equal(ErrorClass.RateLimited, result.Class);
        Assert.Equal(Failures.Now + TimeSpan.FromMilliseconds(45_837.906927), result.RetryAt);
    }

    public static TheoryData<int, string, ErrorClass> Bodies => new()
    {
        { 400, """{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}""", ErrorClass.KeyInvalid },
        { 403, """{"error":{"code":403,"message":"Permission denied.","status":"PERMISSION_DENIED"}}""", ErrorClass.KeyInvalid },
        { 404, """{"error":{"code":404,"message":"models/gemini-9 is not found for API version v1beta.","status":"NOT_FOUND"}}""", ErrorClass.ModelNotFound },
        { 400, """{"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}""", ErrorClass.ContextLength },
        { 400, """{"error":{"code":400,"message":"Invalid JSON payload received.","status":"INVALID_ARGUMENT"}}""", ErrorClass.InvalidRequest },
        { 400, """{"error":{"code":400,"message":"Gemini API free tier is not available in your country. Please enable billing on your project.","status":"FAILED_PRECONDITION"}}""", ErrorClass.Billing },
        { 503, """{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}""", ErrorClass.Overloaded },
        { 500, """{"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}}""", ErrorClass.UpstreamError },
        { 504, """{"error":{"code":504,"message":"Deadline exceeded.","status":"DEADLINE_EXCEEDED"}}""", ErrorClass.Timeout },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Classify_ProviderBody_GivesDocumentedClass(int status, string body, ErrorClass expected) =>
        Assert.Equal(expected, _classifier.Classify(Failures.Make(status, body), Failures.Now).Class);
}
