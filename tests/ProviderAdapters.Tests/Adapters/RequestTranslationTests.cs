using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Adapters;

/// <summary>OpenAI-shaped request → each family's wire body and headers.</summary>
public sealed class RequestTranslationTests
{
    private const string ToolsJson = """[{"type":"function","function":{"name":"get_weather","description":"Weather by city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]""";

    private static ChatCompletionRequest Conversation() => JsonSerializer.Deserialize("""
        {"messages":[
          {"role":"system","content":"Be brief."},
          {"role":"developer","content":"Use metric units."},
          {"role":"user","content":[{"type":"text","text":"Weather in Paris?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]},
          {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"18C and sunny"},
          {"role":"user","content":"And tomorrow?"}],
         "tools":TOOLS,"tool_choice":"required","temperature":0.3,"top_p":0.9,"stop":["END"],"seed":7,
         "response_format":{"type":"json_object"}}
        """.Replace("TOOLS", ToolsJson, StringComparison.Ordinal), ContractsJsonContext.Default.ChatCompletionRequest)!;

    private static async Task<(HttpRequestMessage Message, JsonElement Body)> BuildAsync(string family, string model, ChatCompletionRequest request, bool stream, int maxOutput = 8192)
    {
        var call = TestCalls.Call(family, family, model, request, maxOutput);
        var message = TestCalls.Family(family).CreateRequest(call, stream);
        using var document = JsonDocument.Parse(await message.Content!.ReadAsStringAsync());
        return (message, document.RootElement.Clone());
    }

    [Fact]
    public async Task Anthropic_Conversation_ExtractsSystemMapsToolsAndMergesToolResultIntoUserTurn()
    {
        var (message, body) = await BuildAsync("anthropic", "claude-sonnet-4-0", Conversation(), stream: true);

        Assert.Equal("http://upstream.test/base/v1/messages", message.RequestUri!.AbsoluteUri);
        Assert.Equal("test-key", message.Headers.GetValues("x-api-key").Single());
        Assert.Equal("2023-06-01", message.Headers.GetValues("anthropic-version").Single());
        Assert.StartsWith("Be brief.\n\nUse metric units.\n\nRespond with a single valid JSON object", body.GetProperty("system").GetString(), StringComparison.Ordinal);
        Assert.Equal(8192, body.GetProperty("max_tokens").GetInt32());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.Equal("END", body.GetProperty("stop_sequences")[0].GetString());
        Assert.Equal("any", body.GetProperty("tool_choice").GetProperty("type").GetString());
        Assert.Equal("city", body.GetProperty("tools")[0].GetProperty("input_schema").GetProperty("required")[0].GetString());

        var messages = body.GetProperty("messages");
        Assert.Equal(["user", "assistant", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        var first = messages[0].GetProperty("content");
        Assert.Equal("image", first[1].GetProperty("type").GetString());
        Assert.Equal("image/png", first[1].GetProperty("source").GetProperty("media_type").GetString());
        var toolUse = messages[1].GetProperty("content")[0];
        Assert.Equal("tool_use", toolUse.GetProperty("type").GetString());
        Assert.Equal("Paris", toolUse.GetProperty("input").GetProperty("city").GetString());
        var lastTurn = messages[2].GetProperty("content");
        Assert.Equal("tool_result", lastTurn[0].GetProperty("type").GetString());
        Assert.Equal("call_1", lastTurn[0].GetProperty("tool_use_id").GetString());
        Assert.Equal("And tomorrow?", lastTurn[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Anthropic_CallerMaxTokens_WinsButIsCappedByModel()
    {
        var request = new ChatCompletionRequest { Messages = [ChatMessage.FromText("user", "hi")], MaxCompletionTokens = 300 };
        var (_, body) = await BuildAsync("anthropic", "claude-haiku-5-5", request, stream: false);
        Assert.Equal(300, body.GetProperty("max_tokens").GetInt32());
        var (_, capped) = await BuildAsync("anthropic", "claude-haiku-5-5", request with { MaxCompletionTokens = 999_999 }, stream: false, maxOutput: 4096);
        Assert.Equal(4096, capped.GetProperty("max_tokens").GetInt32());
        Assert.False(capped.TryGetProperty("stream", out _));
    }

    [Fact]
    public async Task Gemini_Conversation_UsesSystemInstructionModelRoleAndFunctionParts()
    {
        var (message, body) = await BuildAsync("gemini", "gemini-2.5-pro", Conversation(), stream: true);

        Assert.Equal("http://upstream.test/base/v1/models/gemini-2.5-pro:streamGenerateContent?alt=sse", message.RequestUri!.AbsoluteUri);
        Assert.Equal("test-key", message.Headers.GetValues("x-goog-api-key").Single());
        Assert.DoesNotContain("key=", message.RequestUri.Query, StringComparison.Ordinal);
        Assert.Equal("Be brief.\n\nUse metric units.", body.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());

        var contents = body.GetProperty("contents");
        Assert.Equal(["user", "model", "user"], contents.EnumerateArray().Select(c => c.GetProperty("role").GetString()));
        Assert.Equal("iVBORw0KGgo=", contents[0].GetProperty("parts")[1].GetProperty("inlineData").GetProperty("data").GetString());
        Assert.Equal("Paris", contents[1].GetProperty("parts")[0].GetProperty("functionCall").GetProperty("args").GetProperty("city").GetString());
        var response = contents[2].GetProperty("parts")[0].GetProperty("functionResponse");
        Assert.Equal("get_weather", response.GetProperty("name").GetString());
        Assert.Equal("18C and sunny", response.GetProperty("response").GetProperty("content").GetString());
        Assert.Equal("And tomorrow?", contents[2].GetProperty("parts")[1].GetProperty("text").GetString());

        Assert.Equal("get_weather", body.GetProperty("tools")[0].GetProperty("functionDeclarations")[0].GetProperty("name").GetString());
        Assert.Equal("ANY", body.GetProperty("toolConfig").GetProperty("functionCallingConfig").GetProperty("mode").GetString());
        var config = body.GetProperty("generationConfig");
        Assert.Equal(0.3, config.GetProperty("temperature").GetDouble());
        Assert.Equal(7, config.GetProperty("seed").GetInt32());
        Assert.Equal("application/json", config.GetProperty("responseMimeType").GetString());
        Assert.Equal("END", config.GetProperty("stopSequences")[0].GetString());
    }

    [Fact]
    public async Task OpenAi_Stream_PassesRequestThroughWithModelAndIncludeUsage()
    {
        var (message, body) = await BuildAsync("openai", "gpt-4o-mini", Conversation(), stream: true);
        Assert.Equal("http://upstream.test/base/v1/chat/completions", message.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer test-key", message.Headers.Authorization!.ToString());
        Assert.Equal("gpt-4o-mini", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal("get_weather", body.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("call_1", body.GetProperty("messages")[4].GetProperty("tool_call_id").GetString());
    }

    [Fact]
    public async Task GitHubModels_AddsGitHubHeadersAndKeepsPublisherModelId()
    {
        var (message, body) = await BuildAsync("github-models", "openai/gpt-4o-mini", Conversation(), stream: false);
        Assert.Contains("application/vnd.github+json", message.Headers.Accept.ToString(), StringComparison.Ordinal);
        Assert.Equal("2022-11-28", message.Headers.GetValues("X-GitHub-Api-Version").Single());
        Assert.Equal("openai/gpt-4o-mini", body.GetProperty("model").GetString());
        Assert.False(body.TryGetProperty("stream_options", out _));
    }

    [Fact]
    public async Task Tgi_Messages_RenderedAsRolePromptWithDetails()
    {
        var request = new ChatCompletionRequest
        {
            Messages = [ChatMessage.FromText("system", "Be brief."), ChatMessage.FromText("user", "Hello")],
            MaxTokens = 50,
            Temperature = 0,
        };
        var (message, body) = await BuildAsync("tgi", "tgi-local", request, stream: true);
        Assert.Equal("http://upstream.test/base/v1/generate_stream", message.RequestUri!.AbsoluteUri);
        Assert.Equal("System: Be brief.\nUser: Hello\nAssistant:", body.GetProperty("inputs").GetString());
        var parameters = body.GetProperty("parameters");
        Assert.Equal(50, parameters.GetProperty("max_new_tokens").GetInt32());
        Assert.False(parameters.TryGetProperty("temperature", out _), "TGI rejects temperature 0; greedy is the default");
        Assert.True(parameters.GetProperty("details").GetBoolean());
    }
}
