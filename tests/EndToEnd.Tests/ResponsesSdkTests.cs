using System.ClientModel;
using System.Text;
using OpenAI.Responses;

#pragma warning disable OPENAI001 // the Responses client is marked experimental in the SDK

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>The official OpenAI .NET SDK's Responses client, unchanged, against the gateway's stateless <c>/v1/responses</c>.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class ResponsesSdkTests(GatewayStack stack)
{
    private ResponsesClient Client(string key = GatewayStack.BootstrapKey) =>
        new(new ApiKeyCredential(key), new ResponsesClientOptions { Endpoint = new Uri(stack.RouterUrl, "/v1") });

    [Fact]
    public async Task CreateResponse_OfficialSdk_ReturnsOutputTextAndUsage()
    {
        ResponseResult response = await Client().CreateResponseAsync("auto", "Write a haiku " + Guid.NewGuid());

        Assert.False(string.IsNullOrWhiteSpace(response.GetOutputText()));
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.True(response.Usage.TotalTokenCount > 0);
    }

    [Fact]
    public async Task CreateResponseStreaming_OfficialSdk_StreamsToCompleted()
    {
        var text = new StringBuilder();
        ResponseResult? completed = null;
        await foreach (var update in await Client().CreateResponseStreamingAsync("auto", "Stream a story " + Guid.NewGuid()))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                text.Append(delta.Delta);
            }
            if (update is StreamingResponseCompletedUpdate done)
            {
                completed = done.Response;
            }
        }

        Assert.False(string.IsNullOrWhiteSpace(text.ToString()));
        Assert.NotNull(completed);
        Assert.Equal(text.ToString(), completed.GetOutputText());
        Assert.True(completed.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task CreateResponse_FunctionTool_ReturnsFunctionCallItem()
    {
        var options = new CreateResponseOptions { Model = "auto" };
        options.InputItems.Add(ResponseItem.CreateUserMessageItem("please call get_time for Berlin " + Guid.NewGuid()));
        options.Tools.Add(ResponseTool.CreateFunctionTool("get_time",
            BinaryData.FromString("""{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"]}"""), strictModeEnabled: false));

        ResponseResult response = await Client().CreateResponseAsync(options);

        var call = Assert.Single(response.OutputItems.OfType<FunctionCallResponseItem>());
        Assert.Equal("get_time", call.FunctionName);
        using var arguments = System.Text.Json.JsonDocument.Parse(call.FunctionArguments.ToString());
        Assert.Equal(System.Text.Json.JsonValueKind.String, arguments.RootElement.GetProperty("zone").ValueKind);
    }

    [Fact]
    public async Task CreateResponse_WrongKey_Is401()
    {
        var ex = await Assert.ThrowsAsync<ClientResultException>(() => Client("aip_wrong").CreateResponseAsync("auto", "hi"));

        Assert.Equal(401, ex.Status);
    }
}
