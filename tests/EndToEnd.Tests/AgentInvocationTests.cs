using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>An agent service calls the gateway the Dapr way: through its own sidecar.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class AgentInvocationTests(GatewayStack stack)
{
    [Fact]
    public async Task AiProcess_InvokedThroughAgentSidecar_ReturnsTaskAnswer()
    {
        using var agent = new HttpClient { BaseAddress = stack.AgentSidecarUrl, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1.0/invoke/router/method/ai/process")
        {
            Content = JsonContent.Create(new { taskType = "chat", prompt = "Summarise the release notes " + Guid.NewGuid(), maxTokens = 64 }),
        };
        request.Headers.Authorization = new("Bearer", GatewayStack.BootstrapKey);

        using var response = await agent.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("content").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("provider").GetString()));
        var requestId = json.RootElement.GetProperty("requestId").GetString()!;
        Assert.Equal(1, await Ledger.WaitForUsageRowsAsync(stack.Ledger.ConnectionString, requestId, TimeSpan.FromSeconds(30)));
    }
}
