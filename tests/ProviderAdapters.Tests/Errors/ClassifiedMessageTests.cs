using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Errors;

/// <summary>Issue #19.8: a provider's error text (organisation ids, account details) never reaches the wire error; the gateway's own sentence does.</summary>
public sealed class ClassifiedMessageTests
{
    public static TheoryData<string, int, string, string> Leaky => new()
    {
        { "openai", 429, """{"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-SECRET123 on requests per min (RPM): Limit 3, Used 3, Requested 1.","type":"requests","code":"rate_limit_exceeded"}}""",
            "openai rate-limited the request (provider status 429)" },
        { "openai", 401, """{"error":{"message":"Incorrect API key provided: sk-proj-SECRET123***. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","code":"invalid_api_key"}}""",
            "openai rejected the gateway's credentials (provider status 401)" },
        { "openai", 400, """{"error":{"message":"Project proj_SECRET123 does not have access to this parameter.","type":"invalid_request_error","param":"temperature"}}""",
            "openai rejected the request as invalid (provider status 400)" },
        { "anthropic", 400, """{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low for workspace wrkspc_SECRET123."}}""",
            "anthropic refused the request for billing reasons (provider status 400)" },
        { "gemini", 429, """{"error":{"code":429,"message":"Quota exceeded for quota metric 'Generate Content API requests per minute' of service 'generativelanguage.googleapis.com' for consumer 'project_number:SECRET123'.","status":"RESOURCE_EXHAUSTED"}}""",
            "gemini rate-limited the request (provider status 429)" },
    };

    [Theory]
    [MemberData(nameof(Leaky))]
    public void ToError_CarriesTheGatewaysSentence_NotTheProvidersText(string family, int status, string body, string expected)
    {
        IErrorClassifier classifier = family switch
        {
            "anthropic" => new AnthropicErrorClassifier(),
            "gemini" => new GeminiErrorClassifier(),
            _ => new OpenAiErrorClassifier(),
        };
        var classification = classifier.Classify(Failures.Make(status, body), Failures.Now);

        var error = classification.ToError(family, "m1", status);

        Assert.Contains("SECRET123", classification.Message, StringComparison.Ordinal); // kept for the adapters' own log
        Assert.Equal(expected, error.Message);
        Assert.DoesNotContain("SECRET123", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryErrorClass_HasItsOwnSentence()
    {
        var sentences = Enum.GetValues<ErrorClass>().Select(c => ClassifiedMessage.For(c, "p", "m", 0)).ToList();

        Assert.Equal(sentences.Count, sentences.Distinct(StringComparer.Ordinal).Count());
    }
}
