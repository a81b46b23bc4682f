using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.TestInfrastructure;
using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Net.Client;
using Npgsql;
using DaprGrpc = Dapr.Client.Autogen.Grpc.v1.Dapr;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>
/// An agent that uses Dapr's Conversation API: its own sidecar loads the repository's components/conversation.yaml
/// (conversation.openai, endpoint = the gateway's /v1, key from agents' secret store = the env variable
/// AIPROVIDER_API_KEY), and the answer is routed by the gateway and charged to the agent's key in the ledger.
/// Called with the Dapr SDK's generated gRPC client (Dapr.Protos) and over HTTP, as daprd serves both
/// (dapr pkg/api/http/conversation.go, dapr/proto/runtime/v1/ai.proto).
/// </summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class ConversationApiTests(GatewayStack stack)
{
    [Fact]
    public async Task ConverseAlpha2_GrpcAndHttp_RoutedByTheGatewayAndChargedToTheComponentKey()
    {
        var (key, keyId) = await CreateKeyAsync();
        var httpPort = FreePort.Next();
        var grpcPort = FreePort.Next();
        await using var sidecar = TestProcess.StartDotnet("conversation-agent-sidecar",
            RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar"),
            ["--app-id", "agent", "--dapr-http-port", Str(httpPort), "--dapr-grpc-port", Str(grpcPort), "--resources-path", stack.ComponentsPath],
            new Dictionary<string, string> { ["LOCALDAPR_REGISTRY_REDIS"] = stack.RedisAddress, ["AIPROVIDER_API_KEY"] = key });
        await sidecar.WaitForHttpAsync($"http://127.0.0.1:{httpPort}/v1.0/healthz/outbound", TimeSpan.FromSeconds(60));

        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        var request = new ConversationRequestAlpha2 { Name = "aiprovider" };
        request.Inputs.Add(new ConversationInputAlpha2
        {
            Messages = { new ConversationMessage { OfUser = new ConversationMessageOfUser { Content = { new ConversationMessageContent { Text = "Name three rivers " + Guid.NewGuid() } } } } },
        });
        var grpcAnswer = await new DaprGrpc.DaprClient(channel).ConverseAlpha2Async(request, deadline: DateTime.UtcNow.AddSeconds(60));

        var output = Assert.Single(grpcAnswer.Outputs);
        Assert.Equal("auto", output.Model);
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(output.Choices).Message.Content), sidecar.Output);
        Assert.Equal("stop", output.Choices[0].FinishReason);
        Assert.True(output.Usage.TotalTokens > 0);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(60) };
        using var httpAnswer = await http.PostAsync("/v1.0-alpha2/conversation/aiprovider/converse", new StringContent(
            $$$"""{"inputs":[{"messages":[{"ofUser":{"content":[{"text":"Name three lakes {{{Guid.NewGuid()}}}"}]}}]}]}""",
            Encoding.UTF8, "application/json"));
        var body = await httpAnswer.Content.ReadAsStringAsync();
        Assert.True(httpAnswer.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("outputs")[0].GetProperty("choices")[0]
            .GetProperty("message").GetProperty("content").GetString()));

        var providers = await WaitForKeyUsageAsync(keyId, expected: 2, TimeSpan.FromSeconds(30));
        Assert.Equal(2, providers.Count);
        Assert.All(providers, p => Assert.False(string.IsNullOrEmpty(p)));
    }

    [Fact]
    public async Task ConverseAlpha2_UnknownComponent_DaprdError()
    {
        using var http = new HttpClient { BaseAddress = stack.AgentSidecarUrl };
        using var response = await http.PostAsync("/v1.0-alpha2/conversation/nope/converse", new StringContent(
            """{"inputs":[{"messages":[{"ofUser":{"content":[{"text":"x"}]}}]}]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ERR_CONVERSATION_NOT_FOUND", json.RootElement.GetProperty("errorCode").GetString());
    }

    private async Task<(string Key, string Id)> CreateKeyAsync()
    {
        using var created = await stack.Client.PostAsJsonAsync("/admin/keys", new { name = "conversation-agent-" + Guid.NewGuid().ToString("N")[..8], role = "service" });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("key").GetString()!, json.RootElement.GetProperty("info").GetProperty("id").GetString()!);
    }

    /// <summary>The providers of the key's usage rows, once <paramref name="expected"/> have arrived (usage flows through pub/sub).</summary>
    private async Task<List<string?>> WaitForKeyUsageAsync(string keyId, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        await using var dataSource = NpgsqlDataSource.Create(stack.Ledger.ConnectionString);
        while (true)
        {
            await using var command = dataSource.CreateCommand("SELECT provider FROM usage_metrics WHERE api_key_id = $1");
            command.Parameters.AddWithValue(keyId);
            var providers = new List<string?>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    providers.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
                }
            }
            if (providers.Count >= expected || DateTime.UtcNow > deadline)
            {
                return providers;
            }
            await Task.Delay(250);
        }
    }

    private static string Str(int port) => port.ToString(CultureInfo.InvariantCulture);
}
