using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Tests.Fakes;
using OpenAI;
using OpenAI.Chat;
using ChatMessage = OpenAI.Chat.ChatMessage;

namespace Dapr.AiProvider.Router.Tests.Api;

/// <summary>The official OpenAI .NET SDK (2.15.0), unchanged, against the gateway.</summary>
public class OpenAiSdkTests
{
    private static ChatClient Client(RouterFactory factory, string model = "auto", string key = RouterFactory.Key) =>
        new(model, new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(factory.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(factory.CreateClient()),
        });

    [Fact]
    public async Task CompleteChat_NonStreaming_ReturnsTheAnswer()
    {
        using var factory = new RouterFactory();

        ChatCompletion completion = await Client(factory).CompleteChatAsync([new UserChatMessage("Say hello")]);

        Assert.Equal("Hello from github/gpt-4o-mini", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(15, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task CompleteChatStreaming_CollectsEveryDelta()
    {
        using var factory = new RouterFactory();
        var text = new StringBuilder();

        await foreach (var update in Client(factory).CompleteChatStreamingAsync([new UserChatMessage("Say hello")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal("Hello from github/gpt-4o-mini", text.ToString());
    }

    [Fact]
    public async Task CompleteChatStreaming_FirstProviderFailsBeforeContent_StillAnswers()
    {
        using var factory = new RouterFactory();
        factory.Backend.Stream("github/gpt-4o-mini", () => [StreamEvents.Error(Contracts.ErrorClass.RateLimited)]);
        var text = new StringBuilder();

        await foreach (var update in Client(factory).CompleteChatStreamingAsync([new UserChatMessage("Say hello")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal("Hello from openai/gpt-4o-mini", text.ToString());
    }

    [Fact]
    public async Task CompleteChat_WithTools_PassesToolsThroughAndReturnsToolCalls()
    {
        using var factory = new RouterFactory();
        factory.Backend.Answer("github/gpt-4o-mini", request =>
        {
            var result = FakeBackend.Success(request);
            using var calls = JsonDocument.Parse("""[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]""");
            var message = new AssistantMessage { ToolCalls = calls.RootElement.Clone() };
            return AttemptOutcome<AdapterChatResult>.Success(result with
            {
                Completion = result.Completion with { Choices = [new ChatChoice { Message = message, FinishReason = "tool_calls" }] },
            });
        });
        var options = new ChatCompletionOptions();
        options.Tools.Add(ChatTool.CreateFunctionTool("get_weather", "Weather for a city",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}""")));

        ChatCompletion completion = await Client(factory).CompleteChatAsync([new UserChatMessage("Weather in Oslo?")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal("get_weather", completion.ToolCalls[0].FunctionName);
        var sent = factory.Backend.Calls.Single().Request;
        Assert.Contains("get_weather", sent.Tools!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChat_BadKey_ThrowsWith401()
    {
        using var factory = new RouterFactory();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(factory, key: "not-the-key").CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task CompleteChat_ExplicitProviderModel_RoutesThere()
    {
        using var factory = new RouterFactory();

        ChatCompletion completion = await Client(factory, "openai/gpt-4o").CompleteChatAsync(new ChatMessage[] { new UserChatMessage("hi") });

        Assert.Equal("Hello from openai/gpt-4o", completion.Content[0].Text);
        Assert.Equal("openai/gpt-4o", completion.Model);
    }
}
