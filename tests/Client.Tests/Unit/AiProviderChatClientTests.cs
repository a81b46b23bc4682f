using System.ClientModel;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.Client.Tests.Unit;

/// <summary>The whole client (Microsoft.Extensions.AI.OpenAI + the decision capture) against an in-memory gateway.</summary>
public sealed class AiProviderChatClientTests
{
    private static readonly Uri Gateway = new("http://gateway.test:8080");

    [Fact]
    public async Task GetResponseAsync_GatewayHeaders_DecisionOnResponse()
    {
        var gateway = FakeGateway.Json(GatewayDecisionTests.FullHeaders());
        using var http = new HttpClient(gateway);
        using var client = AiProviderChatClient.Create(Options(), http);

        var response = await client.GetResponseAsync("Say hello");

        Assert.Equal("Hello from the gateway", response.Text);
        var decision = response.GetGatewayDecision();
        Assert.NotNull(decision);
        Assert.Equal("req-123", decision.RequestId);
        Assert.Equal("openai", decision.Provider);
        Assert.Equal(0.000012m, decision.CostUsd);
        Assert.Same(decision, response.AdditionalProperties![GatewayDecision.AdditionalPropertiesKey]);
    }

    [Fact]
    public async Task GetResponseAsync_SendsBearerKeyModelAndV1Path()
    {
        var gateway = FakeGateway.Json(GatewayDecisionTests.FullHeaders());
        using var http = new HttpClient(gateway);
        using var client = AiProviderChatClient.Create(Options(), http);

        await client.GetResponseAsync("Say hello", new ChatOptions { ModelId = "gemini/gemini-2.5-flash" });

        var request = Assert.Single(gateway.Requests);
        Assert.Equal(new Uri("http://gateway.test:8080/v1/chat/completions"), request.RequestUri);
        Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
        Assert.Equal("aip_test_key", request.Headers.Authorization?.Parameter);
        using var body = JsonDocument.Parse(gateway.RequestBodies[0]);
        Assert.Equal("gemini/gemini-2.5-flash", body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_GatewayHeaders_DecisionOnEveryUpdate()
    {
        var headers = GatewayDecisionTests.FullHeaders();
        headers[GatewayHeaders.CostEstimated] = "true";
        var gateway = FakeGateway.Sse(headers);
        using var http = new HttpClient(gateway);
        using var client = AiProviderChatClient.Create(Options(), http);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("Say hello"))
        {
            updates.Add(update);
        }

        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal("req-123", u.GetGatewayDecision()?.RequestId));
        Assert.True(updates[0].GetGatewayDecision()!.CostEstimated);
        var combined = updates.ToChatResponse();
        Assert.Equal("Hello", combined.Text);
        Assert.Equal("req-123", combined.GetGatewayDecision()?.RequestId);
        using var body = JsonDocument.Parse(gateway.RequestBodies[0]);
        Assert.True(body.RootElement.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task GetResponseAsync_ConcurrentCalls_EachGetsItsOwnDecision()
    {
        var gateway = new RequestIdEchoGateway();
        using var http = new HttpClient(gateway);
        using var client = AiProviderChatClient.Create(Options(), http);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => client.GetResponseAsync($"call {i}")));

        var ids = responses.Select(r => r.GetGatewayDecision()!.RequestId).ToList();
        Assert.Equal(8, ids.Distinct().Count());
        Assert.All(responses, r => Assert.Equal("echo:" + r.Text, r.GetGatewayDecision()!.RequestId));
    }

    [Fact]
    public async Task GetResponseAsync_NotAGateway_NoDecision()
    {
        var gateway = FakeGateway.Json(new Dictionary<string, string>());
        using var http = new HttpClient(gateway);
        using var client = AiProviderChatClient.Create(Options(), http);

        var response = await client.GetResponseAsync("Say hello");

        Assert.Null(response.GetGatewayDecision());
    }

    [Fact]
    public async Task GetResponseAsync_GatewayRefuses_ExceptionCarriesDecision()
    {
        var headers = new Dictionary<string, string>
        {
            [GatewayHeaders.RequestId] = "req-401", [GatewayHeaders.Provider] = "none", [GatewayHeaders.Cache] = "BYPASS",
        };
        var gateway = new FakeGateway(
            """{"error":{"message":"Invalid API key","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""",
            "application/json", headers, HttpStatusCode.Unauthorized);
        using var http = new HttpClient(gateway);
        using var client = AiProviderChatClient.Create(Options(), http);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("Say hello"));

        Assert.Equal(401, error.Status);
        Assert.Equal("req-401", error.GetGatewayDecision()?.RequestId);
        Assert.Null(error.GetGatewayDecision()?.Provider);
        Assert.Single(gateway.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Create_NoApiKey_Throws(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => AiProviderChatClient.Create(new AiProviderChatClientOptions { Endpoint = Gateway, ApiKey = key }));
        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAiProviderChatClient_WithMiddleware_ResolvesDecoratedClient()
    {
        var services = new ServiceCollection();
        var seen = 0;
        services.AddAiProviderChatClient(o => { o.Endpoint = Gateway; o.ApiKey = "aip_test_key"; })
            .Use((messages, options, next, cancellationToken) => { seen++; return next(messages, options, cancellationToken); });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IChatClient>();

        Assert.NotNull(client.GetService<GatewayDecisionChatClient>());
        Assert.IsNotType<GatewayDecisionChatClient>(client);
        Assert.Equal(0, seen);
    }

    [Fact]
    public void AddAiProviderChatClient_NoApiKey_ThrowsAtRegistration()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.AddAiProviderChatClient(o => o.Endpoint = Gateway));

        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    private static AiProviderChatClientOptions Options() => new() { Endpoint = Gateway, ApiKey = "aip_test_key" };

    /// <summary>Answers each call with its prompt as content and "echo:"+prompt as request id, after a random delay.</summary>
    private sealed class RequestIdEchoGateway : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var prompt = body.RootElement.GetProperty("messages")[0].GetProperty("content").GetString()!;
            await Task.Delay(Random.Shared.Next(1, 20), cancellationToken);
            var json = JsonSerializer.Serialize(new
            {
                id = "chatcmpl-echo", @object = "chat.completion", created = 1765000000, model = "gpt-4o-mini",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = prompt }, finish_reason = "stop" } },
            });
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            response.Headers.TryAddWithoutValidation(GatewayHeaders.RequestId, "echo:" + prompt);
            return response;
        }
    }
}
