using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Adapters;

/// <summary>
/// No field silently lost (issue #18.5): what the gateway does not model passes through to OpenAI-shaped upstreams
/// verbatim; reasoning_effort and penalties are mapped where the family has an equivalent; everything else is named by
/// <see cref="ParameterSupport.Dropped"/> (the router's x-aiprovider-dropped-params).
/// </summary>
public sealed class ParameterPassThroughTests
{
    private const string Extras = """
        "logprobs":true,"top_logprobs":3,"parallel_tool_calls":false,"metadata":{"team":"qa"},"service_tier":"flex",
        "logit_bias":{"50256":-100},"user":"u-1","seed":7,"frequency_penalty":0.5,"presence_penalty":-0.25
        """;

    private static ChatCompletionRequest Request(string fields) => JsonSerializer.Deserialize(
        fields.Contains("\"messages\"", StringComparison.Ordinal) ? "{" + fields + "}" : """{"messages":[{"role":"user","content":"hi"}],""" + fields + "}",
        ContractsJsonContext.Default.ChatCompletionRequest)!;

    private static async Task<JsonElement> BodyAsync(string family, ChatCompletionRequest request, int maxOutput = 8192, string model = "m-1")
    {
        var message = TestCalls.Family(family).CreateRequest(TestCalls.Call(family, family, model, request, maxOutput), stream: false);
        using var document = JsonDocument.Parse(await message.Content!.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("openai-compatible")]
    [InlineData("huggingface")]
    public async Task OpenAiShaped_UnmodelledFields_PassThroughVerbatim(string family)
    {
        var request = Request(Extras + ""","reasoning_effort":"high","future_field":{"a":[1,2]}""");

        var body = await BodyAsync(family, request);

        Assert.True(body.GetProperty("logprobs").GetBoolean());
        Assert.Equal(3, body.GetProperty("top_logprobs").GetInt32());
        Assert.False(body.GetProperty("parallel_tool_calls").GetBoolean());
        Assert.Equal("qa", body.GetProperty("metadata").GetProperty("team").GetString());
        Assert.Equal("flex", body.GetProperty("service_tier").GetString());
        Assert.Equal(-100, body.GetProperty("logit_bias").GetProperty("50256").GetInt32());
        Assert.Equal("high", body.GetProperty("reasoning_effort").GetString());
        Assert.Equal(0.5, body.GetProperty("frequency_penalty").GetDouble());
        Assert.Equal(-0.25, body.GetProperty("presence_penalty").GetDouble());
        Assert.Equal("""{"a":[1,2]}""", body.GetProperty("future_field").GetRawText());
        Assert.Empty(ParameterSupport.Dropped(family, request));
    }

    [Fact]
    public async Task Anthropic_ReasoningEffort_ThinkingBudgetAndTemperatureNotSent()
    {
        var request = Request(Extras + ""","reasoning_effort":"medium","temperature":0.2,"top_p":0.9""");

        var body = await BodyAsync("anthropic", request);

        Assert.Equal("enabled", body.GetProperty("thinking").GetProperty("type").GetString());
        Assert.Equal(8191, body.GetProperty("thinking").GetProperty("budget_tokens").GetInt32()); // below max_tokens 8192
        Assert.False(body.TryGetProperty("temperature", out _));
        Assert.False(body.TryGetProperty("top_p", out _));
        Assert.Equal("u-1", body.GetProperty("metadata").GetProperty("user_id").GetString());
        Assert.False(body.TryGetProperty("logprobs", out _));
        Assert.Equal(["frequency_penalty", "logit_bias", "logprobs", "metadata", "parallel_tool_calls", "presence_penalty",
            "seed", "service_tier", "temperature", "top_logprobs", "top_p"], ParameterSupport.Dropped("anthropic", request));
    }

    [Theory]
    [InlineData("claude-sonnet-5-5", "medium", "medium")]
    [InlineData("claude-haiku-5-5", "minimal", "low")]
    [InlineData("claude-opus-4-7", "high", "high")]
    public async Task Anthropic_ModelThatRefusesABudget_AdaptiveThinkingAtTheEffortAsked(string model, string effort, string sent)
    {
        var request = Request($$""" "reasoning_effort":"{{effort}}","temperature":0.2 """);

        var body = await BodyAsync("anthropic", request, model: model);

        Assert.Equal("""{"type":"adaptive"}""", body.GetProperty("thinking").GetRawText());
        Assert.Equal(sent, body.GetProperty("output_config").GetProperty("effort").GetString());
        Assert.False(body.TryGetProperty("temperature", out _));
        Assert.Equal(["temperature"], ParameterSupport.Dropped("anthropic", request));
    }

    [Fact]
    public async Task Anthropic_OlderModel_KeepsTheBudgetedShape()
    {
        var body = await BodyAsync("anthropic", Request(""" "reasoning_effort":"low" """), model: "claude-sonnet-4-5");

        Assert.Equal("enabled", body.GetProperty("thinking").GetProperty("type").GetString());
        Assert.Equal(1024, body.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        Assert.False(body.TryGetProperty("output_config", out _));
    }

    [Theory]
    [InlineData("""{"reasoning_effort":"high","max_tokens":1000}""")]
    [InlineData("""{"reasoning_effort":"low","tool_choice":"required","tools":[{"type":"function","function":{"name":"f","parameters":{}}}]}""")]
    [InlineData("""{"reasoning_effort":"extreme"}""")]
    [InlineData("""{"reasoning_effort":"high","messages":[{"role":"user","content":"w?"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"sun"}]}""")]
    public async Task Anthropic_ThinkingImpossible_NoThinkingAndEffortNamedAsDropped(string json)
    {
        var request = Request(json[1..^1]);

        var body = await BodyAsync("anthropic", request);

        Assert.False(body.TryGetProperty("thinking", out _));
        Assert.Equal(["reasoning_effort"], ParameterSupport.Dropped("anthropic", request));
    }

    [Fact]
    public async Task Gemini_EffortPenaltiesSeed_MappedIntoGenerationConfig()
    {
        var request = Request(Extras + ""","reasoning_effort":"low" """);

        var config = (await BodyAsync("gemini", request)).GetProperty("generationConfig");

        Assert.Equal(1024, config.GetProperty("thinkingConfig").GetProperty("thinkingBudget").GetInt32());
        Assert.Equal(0.5, config.GetProperty("frequencyPenalty").GetDouble());
        Assert.Equal(-0.25, config.GetProperty("presencePenalty").GetDouble());
        Assert.Equal(7, config.GetProperty("seed").GetInt64());
        Assert.Equal(["logit_bias", "logprobs", "metadata", "parallel_tool_calls", "service_tier", "top_logprobs", "user"],
            ParameterSupport.Dropped("gemini", request));
    }

    [Fact]
    public async Task Gemini_EffortNone_ThinkingBudgetZero()
    {
        var config = (await BodyAsync("gemini", Request(""" "reasoning_effort":"none" """))).GetProperty("generationConfig");

        Assert.Equal(0, config.GetProperty("thinkingConfig").GetProperty("thinkingBudget").GetInt32());
    }

    [Fact]
    public void Tgi_OnlySamplingSeedAndStopHonoured()
    {
        var request = Request(Extras + ""","reasoning_effort":"low","n":2""");

        Assert.Equal(["frequency_penalty", "logit_bias", "logprobs", "metadata", "n", "parallel_tool_calls", "presence_penalty",
            "reasoning_effort", "service_tier", "top_logprobs", "user"], ParameterSupport.Dropped("tgi", request));
    }

    [Fact]
    public void Request_RoundTrip_KeepsUnknownMembers()
    {
        var request = Request(""" "x_custom":{"k":"v"},"temperature":0.1 """);

        var json = JsonSerializer.Serialize(request, ContractsJsonContext.Default.ChatCompletionRequest);

        Assert.Contains("\"x_custom\":{\"k\":\"v\"}", json, StringComparison.Ordinal);
        Assert.Equal(["x_custom"], request.OtherFields!.Keys);
    }
}
