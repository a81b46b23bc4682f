using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Tests.Fakes;
using OpenAI.Responses;

#pragma warning disable OPENAI001 // the Responses client is marked experimental in the SDK

namespace Dapr.AiProvider.Router.Tests.Api.Responses;

/// <summary><c>/v1/responses</c> with the official OpenAI .NET SDK's Responses client, unchanged, and raw HTTP for the exact wire.</summary>
public class ResponsesApiTests
{
    private static ResponsesClient Client(RouterFactory factory, string key = RouterFactory.Key) =>
        new(new ApiKeyCredential(key), new ResponsesClientOptions
        {
            Endpoint = new Uri(factory.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(factory.CreateClient()),
            RetryPolicy = new ClientRetryPolicy(0),
        });

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task CreateResponse_Sdk_ReturnsOutputTextAndUsage()
    {
        using var factory = new RouterFactory();

        ResponseResult response = await Client(factory).CreateResponseAsync("auto", "Say hello");

        Assert.Equal("Hello from github/gpt-4o-mini", response.GetOutputText());
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal(15, response.Usage.TotalTokenCount);
        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateResponseStreaming_Sdk_CollectsDeltasAndCompletedUsage()
    {
        using var factory = new RouterFactory();
        var text = new StringBuilder();
        ResponseResult? completed = null;

        await foreach (var update in await Client(factory).CreateResponseStreamingAsync("auto", "Say hello"))
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

        Assert.Equal("Hello from github/gpt-4o-mini", text.ToString());
        Assert.NotNull(completed);
        Assert.Equal("Hello from github/gpt-4o-mini", completed.GetOutputText());
        Assert.Equal(7, completed.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Stream_Raw_IsTheResponsesEventSequenceWithSequenceNumbers()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/responses", Json("""{"model":"auto","input":"hi","stream":true}"""));
        var frames = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('\n')).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("github", response.Headers.GetValues("x-aiprovider-provider").Single());
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
             "response.output_text.delta", "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
             "response.content_part.done", "response.output_item.done", "response.completed"],
            frames.Select(lines => lines[0]["event: ".Length..]));
        for (var i = 0; i < frames.Count; i++)
        {
            using var data = JsonDocument.Parse(frames[i][1]["data: ".Length..]);
            Assert.Equal(frames[i][0]["event: ".Length..], data.RootElement.GetProperty("type").GetString());
            Assert.Equal(i, data.RootElement.GetProperty("sequence_number").GetInt32());
        }
    }

    [Fact]
    public async Task CreateResponseStreaming_ToolCall_IsAFunctionCallItemWithArguments()
    {
        using var factory = new RouterFactory();
        factory.Backend.Stream("github/gpt-4o-mini", () =>
        [
            StreamEvents.Role(),
            ToolDelta("""[{"index":0,"id":"call_9","type":"function","function":{"name":"get_time","arguments":""}}]"""),
            ToolDelta("""[{"index":0,"function":{"arguments":"{\"zone\":"}}]"""),
            ToolDelta("""[{"index":0,"function":{"arguments":"\"UTC\"}"}}]"""),
            BackendStreamEvent.ForChunk(new ChatCompletionChunk { Id = "c", Choices = [new ChunkChoice { Delta = new(), FinishReason = "tool_calls" }] }),
            StreamEvents.Usage(),
            BackendStreamEvent.DoneEvent,
        ]);
        var options = new CreateResponseOptions { Model = "auto", StreamingEnabled = true };
        options.InputItems.Add(ResponseItem.CreateUserMessageItem("what time is it?"));
        options.Tools.Add(ResponseTool.CreateFunctionTool("get_time", BinaryData.FromString("""{"type":"object","properties":{"zone":{"type":"string"}}}"""), strictModeEnabled: false));
        FunctionCallResponseItem? call = null;

        await foreach (var update in await Client(factory).CreateResponseStreamingAsync(options))
        {
            if (update is StreamingResponseOutputItemDoneUpdate { Item: FunctionCallResponseItem item })
            {
                call = item;
            }
        }

        Assert.NotNull(call);
        Assert.Equal("get_time", call.FunctionName);
        Assert.Equal("call_9", call.CallId);
        Assert.Equal("""{"zone":"UTC"}""", call.FunctionArguments.ToString());
        var sent = Assert.Single(factory.Backend.Calls).Request;
        Assert.Equal("get_time", sent.Tools!.Value[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task CreateResponse_WrongKey_Is401ClientResultException()
    {
        using var factory = new RouterFactory();

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => Client(factory, "wrong-key").CreateResponseAsync("auto", "hi"));

        Assert.Equal(401, ex.Status);
    }

    [Fact]
    public async Task CreateResponse_PreviousResponseId_Is400InOpenAisShape()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/responses", Json("""{"model":"auto","input":"hi","previous_response_id":"resp_1"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("unsupported_parameter", error.GetProperty("code").GetString());
        Assert.Equal("previous_response_id", error.GetProperty("param").GetString());
        Assert.Empty(factory.Backend.Calls);
    }

    [Fact]
    public async Task Stream_ProviderFailsAfterContent_EndsWithErrorEventAndNoCompleted()
    {
        using var factory = new RouterFactory();
        factory.Backend.Stream("github/gpt-4o-mini", () => [StreamEvents.Role(), StreamEvents.Content("Partial "), StreamEvents.Error(Contracts.ErrorClass.Overloaded)]);
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/responses", Json("""{"model":"auto","input":"hi","stream":true}"""));
        var frames = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("event: error", frames[^1].Split('\n')[0]);
        using var error = JsonDocument.Parse(frames[^1].Split('\n')[1]["data: ".Length..]);
        Assert.Equal("overloaded", error.RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain(frames, f => f.StartsWith("event: response.completed", StringComparison.Ordinal));
    }

    private static BackendStreamEvent ToolDelta(string toolCalls) => BackendStreamEvent.ForChunk(new ChatCompletionChunk
    {
        Id = "c",
        Choices = [new ChunkChoice { Delta = new ChunkDelta { ToolCalls = JsonDocument.Parse(toolCalls).RootElement } }],
    });
}
