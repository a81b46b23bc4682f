using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Dapr.AiProvider.TestInfrastructure;
using OpenAI.Chat;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>
/// The whole stack with the router and provider-adapters run from their Native AOT publish (what their images run:
/// Dockerfile, <c>publish-router</c> and <c>publish-provider-adapters</c>), not from their JIT build output: the
/// official SDKs, the OpenAI (Groq, …), Anthropic and Gemini wire families of the adapters, streamed and not, a
/// provider error as the gateway maps it, a bad-JSON request and <c>/metrics</c>. The binaries are where
/// <c>./test.sh</c> publishes them; without one the fixture fails and says how to publish it.
/// </summary>
[Trait("Category", "Process")]
public sealed class AotRouterTests(AotRouterTests.AotStack stack) : IClassFixture<AotRouterTests.AotStack>
{
    /// <summary><see cref="GatewayStack"/> with the router's and provider-adapters' commands replaced by the native executables.</summary>
    public sealed class AotStack : IAsyncLifetime
    {
        public GatewayStack Stack { get; } = new() { RouterExecutable = RepoPaths.AotRouter(), AdaptersExecutable = RepoPaths.AotAdapters() };

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
    public void Adapters_IsTheNativeExecutable()
    {
        var pid = Gateway.Pid("publish/ProviderAdapters/Dapr.AiProvider.ProviderAdapters");

        Assert.True(pid is not null, "no provider-adapters process runs the native executable:\n" + Gateway.LauncherOutput);
        var exe = new FileInfo($"/proc/{pid}/exe").LinkTarget;
        Assert.Equal(RepoPaths.AotAdapters(), exe);
        // Read from the executable's directory (AppContext.BaseDirectory), as in the image.
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(exe)!, "providers.json")));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(exe)!, "prices.json")));
    }

    /// <summary>Each wire family the adapters translate, non-streamed and streamed, served by the provider it was pinned to.</summary>
    [Theory]
    [InlineData("groq/llama-3.3-70b-versatile", false)]
    [InlineData("groq/llama-3.3-70b-versatile", true)]
    [InlineData("anthropic/claude-haiku-5-5", false)]
    [InlineData("anthropic/claude-haiku-5-5", true)]
    [InlineData("gemini/gemini-2.5-pro", false)]
    [InlineData("gemini/gemini-2.5-pro", true)]
    public async Task ChatCompletions_PinnedToAProviderFamily_ServedThroughTheNativeAdapters(string model, bool stream)
    {
        using var response = await Gateway.Client.PostAsync("/v1/chat/completions", new StringContent(
            JsonSerializer.Serialize(new { model, stream, messages = new[] { new { role = "user", content = "Write a haiku " + Guid.NewGuid() } } }),
            Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(model.Split('/')[0], Assert.Single(response.Headers.GetValues("x-aiprovider-provider")));
        if (stream)
        {
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"finish_reason\":\"stop\"", body, StringComparison.Ordinal);
            Assert.EndsWith("data: [DONE]", body.TrimEnd(), StringComparison.Ordinal);
        }
        else
        {
            using var json = JsonDocument.Parse(body);
            Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));
            Assert.True(json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
        }
    }

    /// <summary>
    /// A provider's "prompt too long" (the simulator playing Gemini answers its own 400) is classified by the native
    /// adapters as context length and answered by the router as it is today: 400 <c>context_length_exceeded</c> on <c>messages</c>.
    /// </summary>
    [Fact]
    public async Task ChatCompletions_ProviderSaysPromptTooLong_400ContextLengthExceeded()
    {
        using var response = await Gateway.Client.PostAsync("/v1/chat/completions", new StringContent(
            JsonSerializer.Serialize(new { model = "gemini/gemini-2.5-pro", messages = new[] { new { role = "user", content = "[[sim:fault=context_length]] Too long " + Guid.NewGuid() } } }),
            Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        using var json = JsonDocument.Parse(body);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("messages", error.GetProperty("param").GetString());
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

        // Pinned to Anthropic: the Messages dialect end to end, through the native adapters' Anthropic family.
        var message = await anthropic.Messages.Create(new MessageCreateParams
        {
            Model = "anthropic/claude-haiku-5-5",
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
