using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Adapters;

/// <summary>
/// A <c>/v1/messages</c> body (ChatCompletionRequest.AnthropicBody) is what an Anthropic upstream gets, as written, with
/// only the routed model, the capped max_tokens and the stream flag set; other families never see it and
/// <see cref="ParameterSupport.Dropped"/> names its Anthropic-only fields for them.
/// Fields checked 2026-12-07 against Anthropic's Messages API reference (https://docs.anthropic.com/en/api/messages) and
/// adaptive-thinking pages (https://platform.claude.com/docs/en/build-with-claude/adaptive-thinking,
/// https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html): thinking
/// {type: enabled, budget_tokens} (deprecated on 4.6 models, refused from Opus 4.7 on) and {type: adaptive} with
/// output_config.effort, cache_control on system, content blocks and tools, top_k, metadata.user_id, service_tier.
/// </summary>
public sealed class AnthropicBodyTests
{
    private const string Messages = """
        {"model":"claude-client-pick","max_tokens":64000,"stream":true,"top_k":5,"service_tier":"standard_only",
        "thinking":{"type":"enabled","budget_tokens":2048},"metadata":{"user_id":"u-1"},
        "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral","ttl":"1h"}}],
        "messages":[{"role":"user","content":[{"type":"text","text":"Weather?","cache_control":{"type":"ephemeral"}}]},
        {"role":"assistant","content":[{"type":"thinking","thinking":"Use the tool.","signature":"sig-1"},{"type":"tool_use","id":"tu_1","name":"weather","input":{}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"tu_1","content":"sun"}]}],
        "tools":[{"name":"weather","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"}}],
        "tool_choice":{"type":"auto","disable_parallel_tool_use":true}}
        """;

    private static ChatCompletionRequest Request()
    {
        using var body = JsonDocument.Parse(Messages);
        return new ChatCompletionRequest
        {
            Messages = [ChatMessage.FromText("system", "Be brief."), ChatMessage.FromText("user", "Weather?")],
            MaxTokens = 64000,
            User = "u-1",
            AnthropicBody = body.RootElement.Clone(),
        };
    }

    private static async Task<string> BodyAsync(string family, ChatCompletionRequest request, bool stream)
    {
        var message = TestCalls.Family(family).CreateRequest(TestCalls.Call(family, family, "claude-routed", request, maxOutput: 8192), stream);
        return await message.Content!.ReadAsStringAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Anthropic_SendsTheBodyAsWritten_WithRoutedModelCappedMaxTokensAndStreamFlag(bool stream)
    {
        var sent = await BodyAsync("anthropic", Request(), stream);

        using var expected = JsonDocument.Parse(Messages);
        var expectedBody = """{"model":"claude-routed","max_tokens":8192,""" + string.Join(",", expected.RootElement.EnumerateObject()
            .Where(f => f.Name is not ("model" or "max_tokens" or "stream")).Select(f => JsonSerializer.Serialize(f.Name) + ":" + JsonSerializer.Serialize(f.Value)))
            + (stream ? ""","stream":true}""" : "}");
        Assert.Equal(expectedBody, sent);
        Assert.Empty(ParameterSupport.Dropped("anthropic", Request()));
    }

    [Fact]
    public async Task Anthropic_AdaptiveThinking_PassesThrough()
    {
        using var body = JsonDocument.Parse("""{"model":"m","max_tokens":100,"thinking":{"type":"adaptive"},"output_config":{"effort":"high"},"messages":[{"role":"user","content":"hi"}]}""");
        var request = new ChatCompletionRequest { Messages = [ChatMessage.FromText("user", "hi")], MaxTokens = 100, AnthropicBody = body.RootElement.Clone() };

        var sent = await BodyAsync("anthropic", request, stream: false);

        Assert.Equal("""{"model":"claude-routed","max_tokens":100,"thinking":{"type":"adaptive"},"output_config":{"effort":"high"},"messages":[{"role":"user","content":"hi"}]}""", sent);
        Assert.Equal(["output_config", "thinking"], ParameterSupport.Dropped("openai", request));
    }

    [Theory]
    [InlineData("openai", new[] { "cache_control", "service_tier", "thinking", "tool_choice.disable_parallel_tool_use", "top_k" })]
    [InlineData("gemini", new[] { "cache_control", "service_tier", "thinking", "tool_choice.disable_parallel_tool_use", "top_k", "user" })]
    public async Task OtherFamilies_GetTheTranslation_AndTheAnthropicOnlyFieldsAreNamed(string family, string[] dropped)
    {
        var request = Request();

        var sent = await BodyAsync(family, request, stream: false);

        Assert.DoesNotContain("thinking", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("top_k", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("cache_control", sent, StringComparison.Ordinal);
        Assert.Equal(dropped, ParameterSupport.Dropped(family, request));
    }

    [Fact]
    public void DisabledThinking_IsNotNamedAsDropped()
    {
        using var body = JsonDocument.Parse("""{"model":"m","max_tokens":10,"thinking":{"type":"disabled"},"messages":[]}""");

        Assert.Empty(ParameterSupport.Dropped("openai", new ChatCompletionRequest { AnthropicBody = body.RootElement.Clone() }));
    }

    [Fact]
    public void AdapterChatRequest_CarriesTheBodyAcrossTheWire_AndAChatClientCannotSetIt()
    {
        var wire = JsonSerializer.Serialize(new AdapterChatRequest { Request = Request(), AnthropicBody = Request().AnthropicBody },
            ContractsJsonContext.Default.AdapterChatRequest);

        var read = JsonSerializer.Deserialize(wire, ContractsJsonContext.Default.AdapterChatRequest)!;

        Assert.Equal(5, read.RequestWithBody().AnthropicBody!.Value.GetProperty("top_k").GetInt32());
        var chat = JsonSerializer.Deserialize("""{"messages":[],"AnthropicBody":{"top_k":1},"anthropicBody":{"top_k":1}}""",
            ContractsJsonContext.Default.ChatCompletionRequest)!;
        Assert.Null(chat.AnthropicBody);
    }
}
