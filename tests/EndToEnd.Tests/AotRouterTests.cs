using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Dapr.AiProvider.TestInfrastructure;
using OpenAI.Chat;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>
/// The whole stack with the router run from its Native AOT publish (what the router image runs: Dockerfile,
/// <c>publish-router</c>), not from its JIT build output: the official SDKs, a bad-JSON request and <c>/metrics</c>.
/// The binary is where <c>./test.sh</c> publishes it; without it the fixture fails and says how to publish it.
/// </summary>
[Trait("Category", "Process")]
public sealed class AotRouterTests(AotRouterTests.AotStack stack) : IClassFixture<AotRouterTests.AotStack>
{
    /// <summary><see cref="GatewayStack"/> with the router's command replaced by the native executable.</summary>
    public sealed class AotStack : IAsyncLifetime
    {
        public GatewayStack Stack { get; } = new() { RouterExecutable = RepoPaths.AotRouter() };

        public Task InitializeAsync() => Stack.InitializeAsync();

        public Task DisposeAsync() => Stack.DisposeAsync();
    }

    private GatewayStack Gateway => stack.Stack;

    [Fact]
    public void Router_IsTheNativeExecutable()
    {
        var pid = Gateway.Pid("publish/Router/Dapr.AiProvider.Router");

        Assert.True(pid is not null, "no router process runs the native executable:\n" + Gateway.LauncherOutput);
        var exe = new FileInfo($"/proc/{pid}/exe").LinkTarget;
        Assert.Equal(RepoPaths.AotRouter(), exe);
    }

    [Fact]
    public async Task CompleteChat_OfficialSdk_ReturnsTextAndUsage()
    {
        ChatCompletion completion = await Gateway.OpenAiChat().CompleteChatAsync([new UserChatMessage("Write a haiku " + Guid.NewGuid())]);

        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        Assert.True(completion.Usage.TotalTokenCount > 0);
    }

    [Fact]
    public async Task CompleteChatStreaming_OfficialSdk_StreamsTextToTheEnd()
    {
        var (text, finish) = await Gateway.StreamChatAsync("Stream a story " + Guid.NewGuid());

        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.Equal(ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task Messages_AnthropicSdk_ReturnsTextAndUsage()
    {
        var anthropic = new AnthropicClient { ApiKey = GatewayStack.BootstrapKey, BaseUrl = Gateway.RouterUrl.ToString().TrimEnd('/'), MaxRetries = 0 };

        var message = await anthropic.Messages.Create(new MessageCreateParams
        {
            Model = "auto",
            MaxTokens = 200,
            Messages = [new UserMessageParam("Write a haiku " + Guid.NewGuid())],
        });

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.False(string.IsNullOrWhiteSpace(text!.Text));
        Assert.Equal("end_turn", message.StopReason!.Raw());
        Assert.True(message.Usage.OutputTokens > 0);
    }

    [Fact]
    public async Task ChatCompletions_MalformedJson_Returns400InOpenAiShape()
    {
        using var response = await Gateway.Client.PostAsync("/v1/chat/completions",
            new StringContent("""{"model":"auto","messages":[{""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("invalid_json", error.GetProperty("code").GetString());
        Assert.StartsWith("The request body is not valid JSON for this endpoint", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ServesTheRoutersCounters()
    {
        ChatCompletion _ = await Gateway.OpenAiChat().CompleteChatAsync([new UserChatMessage("Count me " + Guid.NewGuid())]);

        using var anonymous = new HttpClient { BaseAddress = Gateway.RouterUrl };
        var metrics = await anonymous.GetStringAsync("/metrics");

        Assert.Contains("# TYPE ai_provider_requests_total counter", metrics, StringComparison.Ordinal);
        Assert.Contains("ai_provider_requests_total{", metrics, StringComparison.Ordinal);
    }
}
