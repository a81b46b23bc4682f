using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace Dapr.AiProvider.ProviderSimulator.Tests.OpenAi;

/// <summary>The official OpenAI .NET SDK against /openai/v1 and /github/inference: proves the wire format.</summary>
[Trait("Category", "Process")]
public sealed class OpenAiSdkTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private ChatClient Client(string model, string path = "/openai/v1", string key = SimulatorFixture.Key) =>
        new(model, new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(sim.Server.BaseAddress, path),
            Transport = new HttpClientPipelineTransport(sim.CreateClient()),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });

    [Fact]
    public async Task CompleteChat_OpenAi_ReturnsDeterministicAnswerAndUsage()
    {
        var result = await Client("gpt-4o-mini").CompleteChatAsync([new UserChatMessage("Tell me about Dapr sidecars [[sim:cached=100,reasoning=7]]")]);
        var completion = result.Value;

        Assert.Equal("Simulated answer from openai/gpt-4o-mini: Tell me about Dapr sidecars", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(100, completion.Usage.InputTokenDetails.CachedTokenCount);
        Assert.Equal(7, completion.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.True(completion.Usage.InputTokenCount > 100);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        Assert.Equal(completion.Usage.OutputTokenCount - 7, (completion.Content[0].Text.Length + 3) / 4);
    }

    [Fact]
    public async Task CompleteChatStreaming_OpenAi_StreamsWordsThenUsage()
    {
        var text = new StringBuilder();
        var updates = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in Client("gpt-4o").CompleteChatStreamingAsync([new UserChatMessage("stream these words please")]))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal("Simulated answer from openai/gpt-4o: stream these words please", text.ToString());
        Assert.True(updates >= 8, $"expected one update per word, got {updates}");
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal((text.Length + 3) / 4, usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChat_MaxTokens_StopsWithLength()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 5 };
        var completion = (await Client("gpt-4o-mini").CompleteChatAsync([new UserChatMessage("a long question with many words in it")], options)).Value;

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(5, completion.Usage.OutputTokenCount);
        Assert.True(completion.Content[0].Text.Length <= 20);
    }

    [Fact]
    public async Task CompleteChat_ToolRequested_ReturnsToolCallWithSchemaArguments()
    {
        var schema = BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}},"required":["city"]}""");
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather", schema) } };
        var completion = (await Client("gpt-4o-mini").CompleteChatAsync([new UserChatMessage("call get_weather for Paris")], options)).Value;

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        using var args = JsonDocument.Parse(call.FunctionArguments);
        Assert.Equal(JsonValueKind.String, args.RootElement.GetProperty("city").ValueKind);
        Assert.Equal(1, args.RootElement.GetProperty("days").GetInt32());
    }

    [Fact]
    public async Task CompleteChatStreaming_ToolRequested_StreamsArgumentFragments()
    {
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("lookup", "Lookup") } };
        var args = new StringBuilder();
        string? name = null;
        await foreach (var update in Client("gpt-4o-mini").CompleteChatStreamingAsync([new UserChatMessage("use the lookup tool")], options))
        {
            foreach (var part in update.ToolCallUpdates)
            {
                name ??= part.FunctionName;
                args.Append(part.FunctionArgumentsUpdate?.ToString());
            }
        }

        Assert.Equal("lookup", name);
        using var parsed = JsonDocument.Parse(args.ToString());
        Assert.Equal("use the lookup tool", parsed.RootElement.GetProperty("query").GetString());
    }

    [Fact]
    public async Task CompleteChat_JsonObjectFormat_ReturnsValidJson()
    {
        var options = new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() };
        var completion = (await Client("gpt-4o-mini").CompleteChatAsync([new UserChatMessage("answer in json")], options)).Value;

        using var json = JsonDocument.Parse(completion.Content[0].Text);
        Assert.StartsWith("Simulated answer", json.RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChat_WrongKey_ThrowsUnauthorized()
    {
        var ex = await Assert.ThrowsAsync<ClientResultException>(() =>
            Client("gpt-4o-mini", key: "wrong-key-123").CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(401, ex.Status);
        Assert.Contains("invalid_api_key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChat_GitHubModels_ParsesWithOpenAiSdk()
    {
        var completion = (await Client("openai/gpt-4o-mini", "/github/inference").CompleteChatAsync([new UserChatMessage("hello github")])).Value;

        Assert.Equal("Simulated answer from github/openai/gpt-4o-mini: hello github", completion.Content[0].Text);
        Assert.True(completion.Usage.TotalTokenCount > 0);
    }

    [Theory]
    [InlineData("/huggingface/v1", "deepseek-ai/DeepSeek-V3-0324:novita", "huggingface")]
    [InlineData("/openai-compatible/v1", "qwen2.5:7b", "openai-compatible")]
    public async Task CompleteChatStreaming_OpenAiShapedFamilies_ParseWithOpenAiSdk(string path, string model, string provider)
    {
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        await foreach (var update in Client(model, path).CompleteChatStreamingAsync([new UserChatMessage("shaped like openai")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            usage ??= update.Usage;
        }

        Assert.Equal($"Simulated answer from {provider}/{model}: shaped like openai", text.ToString());
        Assert.NotNull(usage);
    }

    [Fact]
    public async Task CompleteChatStreaming_GitHubModels_StreamsAnswer()
    {
        var text = new StringBuilder();
        await foreach (var update in Client("openai/gpt-4o", "/github/inference").CompleteChatStreamingAsync([new UserChatMessage("hi")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal("Simulated answer from github/openai/gpt-4o: hi", text.ToString());
    }
}
