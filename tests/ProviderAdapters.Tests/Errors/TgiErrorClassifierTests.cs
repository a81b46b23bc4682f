using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Errors;

public sealed class TgiErrorClassifierTests
{
    [Theory]
    [InlineData(429, """{"error":"Model is overloaded","error_type":"overloaded"}""", ErrorClass.Overloaded)]
    [InlineData(422, """{"error":"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 4000 `inputs` tokens and 500 `max_new_tokens`","error_type":"validation"}""", ErrorClass.ContextLength)]
    [InlineData(422, """{"error":"Input validation error: `temperature` must be strictly positive","error_type":"validation"}""", ErrorClass.InvalidRequest)]
    [InlineData(424, """{"error":"Request failed during generation: Server error: CUDA out of memory","error_type":"generation"}""", ErrorClass.UpstreamError)]
    [InlineData(500, """{"error":"Incomplete generation","error_type":"incomplete_generation"}""", ErrorClass.UpstreamError)]
    [InlineData(429, "", ErrorClass.Overloaded)]
    public void Classify_TgiBody_GivesDocumentedClass(int status, string body, ErrorClass expected) =>
        Assert.Equal(expected, new TgiErrorClassifier().Classify(Failures.Make(status, body), Failures.Now).Class);
}
