using System.Net;
using System.Text.Json;

namespace Dapr.AiProvider.ProviderSimulator.Tests.Gemini;

/// <summary>Gemini generateContent / streamGenerateContent wire format, auth and quota errors.</summary>
[Trait("Category", "Process")]
public sealed class GeminiTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const string Base = "/gemini/v1beta/models/gemini-2.5-flash";

    private static string Body(string text) =>
        $$"""{"contents":[{"role":"user","parts":[{"text":{{JsonSerializer.Serialize(text)}}}]}]}""";

    private async Task<HttpResponseMessage> PostAsync(string pathAndQuery, string body, string? key = SimulatorFixture.Key)
    {
        using var client = sim.CreateClient();
        var headers = key is null ? null : new Dictionary<string, string> { ["x-goog-api-key"] = key };
        return await client.PostJsonAsync(Base + pathAndQuery, body, headers);
    }

    [Fact]
    public async Task GenerateContent_CachedAndThoughts_ReportsUsageMetadata()
    {
        using var response = await PostAsync(":generateContent", Body("Tell me [[sim:cached=64,reasoning=12]]"));
        var json = await response.JsonAsync();
        var usage = json.GetProperty("usageMetadata");
        var candidate = json.GetProperty("candidates")[0];

        Assert.Equal("Simulated answer from gemini/gemini-2.5-flash: Tell me", candidate.GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal("model", candidate.GetProperty("content").GetProperty("role").GetString());
        Assert.Equal("STOP", candidate.GetProperty("finishReason").GetString());
        Assert.Equal(64, usage.GetProperty("cachedContentTokenCount").GetInt32());
        Assert.Equal(12, usage.GetProperty("thoughtsTokenCount").GetInt32());
        Assert.True(usage.GetProperty("promptTokenCount").GetInt32() > 64);
        Assert.Equal(usage.GetProperty("promptTokenCount").GetInt32() + usage.GetProperty("candidatesTokenCount").GetInt32() + 12,
            usage.GetProperty("totalTokenCount").GetInt32());
    }

    [Fact]
    public async Task StreamGenerateContent_AltSse_FramesWithoutDoneAndUsageLast()
    {
        using var response = await PostAsync(":streamGenerateContent?alt=sse", Body("stream me"));
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());
        var text = string.Concat(events.Select(e => e.Json.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()));

        Assert.Equal("Simulated answer from gemini/gemini-2.5-flash: stream me", text);
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
        Assert.True(events[^1].Json.GetProperty("usageMetadata").TryGetProperty("candidatesTokenCount", out _));
        Assert.False(events[0].Json.GetProperty("usageMetadata").TryGetProperty("candidatesTokenCount", out _));
        Assert.Equal("STOP", events[^1].Json.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
    }

    [Fact]
    public async Task StreamGenerateContent_NoAlt_ReturnsJsonArray()
    {
        using var response = await PostAsync(":streamGenerateContent", Body("array please"));
        var array = await response.JsonAsync();

        Assert.Equal(JsonValueKind.Array, array.ValueKind);
        Assert.True(array.GetArrayLength() > 3);
        Assert.Equal("STOP", array[array.GetArrayLength() - 1].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
    }

    [Fact]
    public async Task GenerateContent_KeyInQuery_Accepted()
    {
        using var response = await PostAsync(":generateContent?key=" + SimulatorFixture.Key, Body("hi"), key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GenerateContent_WrongKey_Returns400ApiKeyInvalid()
    {
        using var response = await PostAsync(":generateContent", Body("hi"), key: "bad");
        var error = (await response.JsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        Assert.Equal("API_KEY_INVALID", error.GetProperty("details")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task GenerateContent_NoKey_Returns403()
    {
        using var response = await PostAsync(":generateContent", Body("hi"), key: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("PERMISSION_DENIED", (await response.JsonAsync()).GetProperty("error").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("rate_limited", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "5")]
    [InlineData("quota_exhausted", "GenerateRequestsPerDayPerProjectPerModel-FreeTier", "20")]
    [InlineData("quota_zero", "GenerateRequestsPerDayPerProjectPerModel-FreeTier", "0")]
    public async Task QuotaFaults_Return429WithQuotaFailureAndRetryInfo(string fault, string quotaId, string quotaValue)
    {
        using var response = await PostAsync(":generateContent", Body($"x [[sim:fault={fault}]]"));
        var error = (await response.JsonAsync()).GetProperty("error");
        var details = error.GetProperty("details").EnumerateArray().ToList();
        var violation = details.Single(d => d.GetProperty("@type").GetString()!.EndsWith("QuotaFailure", StringComparison.Ordinal))
            .GetProperty("violations")[0];
        var retry = details.Single(d => d.GetProperty("@type").GetString()!.EndsWith("RetryInfo", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("RESOURCE_EXHAUSTED", error.GetProperty("status").GetString());
        Assert.Equal(quotaId, violation.GetProperty("quotaId").GetString());
        Assert.Equal(quotaValue, violation.GetProperty("quotaValue").GetString());
        Assert.Contains($"limit: {quotaValue},", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("20.223932614s", retry.GetProperty("retryDelay").GetString());
        Assert.False(response.Headers.Contains("retry-after"));
    }

    [Theory]
    [InlineData("overloaded", 503, "UNAVAILABLE")]
    [InlineData("context_length", 400, "INVALID_ARGUMENT")]
    [InlineData("model_not_found", 404, "NOT_FOUND")]
    [InlineData("server_error", 500, "INTERNAL")]
    [InlineData("billing", 400, "FAILED_PRECONDITION")]
    public async Task Fault_Directive_ReturnsGoogleError(string fault, int status, string canonical)
    {
        using var response = await PostAsync(":generateContent", Body($"x [[sim:fault={fault}]]"));
        var error = (await response.JsonAsync()).GetProperty("error");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(status, error.GetProperty("code").GetInt32());
        Assert.Equal(canonical, error.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ContentFilter_FinishReasonSafetyWithoutContent()
    {
        using var response = await PostAsync(":generateContent", Body("x [[sim:fault=content_filter]]"));
        var candidate = (await response.JsonAsync()).GetProperty("candidates")[0];

        Assert.Equal("SAFETY", candidate.GetProperty("finishReason").GetString());
        Assert.False(candidate.TryGetProperty("content", out _));
    }

    [Fact]
    public async Task StreamErrorBeforeContent_SendsErrorFrame()
    {
        using var response = await PostAsync(":streamGenerateContent?alt=sse", Body("x [[sim:fault=stream_error_before_content]]"));
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("UNAVAILABLE", Assert.Single(events).Json.GetProperty("error").GetProperty("status").GetString());
    }

    [Fact]
    public async Task FunctionDeclarations_Requested_ReturnsFunctionCall()
    {
        const string body = """{"contents":[{"role":"user","parts":[{"text":"use lookup_stock for MSFT"}]}],"tools":[{"functionDeclarations":[{"name":"lookup_stock","parameters":{"type":"OBJECT","properties":{"ticker":{"type":"STRING"}}}}]}]}""";
        using var response = await PostAsync(":generateContent", body);
        var call = (await response.JsonAsync()).GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("functionCall");

        Assert.Equal("lookup_stock", call.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.String, call.GetProperty("args").GetProperty("ticker").ValueKind);
    }

    [Theory]
    [InlineData("""{"contents":[]}""")]
    [InlineData("""{"generationConfig":{}}""")]
    [InlineData("{{{")]
    public async Task GenerateContent_BadInput_Returns400InvalidArgument(string body)
    {
        using var response = await PostAsync(":generateContent", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", (await response.JsonAsync()).GetProperty("error").GetProperty("status").GetString());
    }

    [Fact]
    public async Task JsonMime_ReturnsJsonText()
    {
        const string body = """{"contents":[{"parts":[{"text":"json please"}]}],"generationConfig":{"responseMimeType":"application/json","responseSchema":{"type":"OBJECT","properties":{"title":{"type":"STRING"},"score":{"type":"NUMBER"}}}}}""";
        using var response = await PostAsync(":generateContent", body);
        var text = (await response.JsonAsync()).GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()!;

        using var parsed = JsonDocument.Parse(text);
        Assert.Equal(1.5, parsed.RootElement.GetProperty("score").GetDouble());
    }
}
