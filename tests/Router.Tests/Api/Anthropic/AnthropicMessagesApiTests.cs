using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Tests.Fakes;

namespace Dapr.AiProvider.Router.Tests.Api.Anthropic;

/// <summary><c>/v1/messages</c> with the official Anthropic .NET SDK, unchanged, and raw HTTP for the exact wire.</summary>
public class AnthropicMessagesApiTests
{
    private static AnthropicClient Client(RouterFactory factory, string key = RouterFactory.Key) => new()
    {
        ApiKey = key,
        BaseUrl = factory.Server.BaseAddress.ToString().TrimEnd('/'),
        HttpClient = factory.CreateClient(),
        MaxRetries = 0,
    };

    private static MessageCreateParams Params(string text) => new()
    {
        Model = "auto",
        MaxTokens = 100,
        Messages = [new UserMessageParam(text)],
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Create_Sdk_ReturnsTextStopReasonAndUsage()
    {
        using var factory = new RouterFactory();

        var message = await Client(factory).Messages.Create(Params("Say hello"));

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("Hello from github/gpt-4o-mini", text!.Text);
        Assert.Equal("end_turn", message.StopReason!.Raw());
        Assert.Equal(10, message.Usage.InputTokens);
        Assert.Equal(5, message.Usage.OutputTokens);
        Assert.Equal("github/gpt-4o-mini", message.Model.Raw());
        var call = Assert.Single(factory.Backend.Calls);
        Assert.Equal(100, call.Request.MaxTokens);
    }

    [Fact]
    public async Task CreateStreaming_Sdk_AssemblesTextAndFinalUsage()
    {
        using var factory = new RouterFactory();
        var text = new StringBuilder();
        string? stop = null;
        long output = 0;

        await foreach (var ev in Client(factory).Messages.CreateStreaming(Params("Say hello")))
        {
            if (ev.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var piece))
            {
                text.Append(piece!.Text);
            }
            if (ev.TryPickDelta(out var messageDelta))
            {
                stop = messageDelta!.Delta.StopReason?.Raw();
                output = messageDelta.Usage.OutputTokens;
            }
        }

        Assert.Equal("Hello from github/gpt-4o-mini", text.ToString());
        Assert.Equal("end_turn", stop);
        Assert.Equal(4, output);
    }

    [Fact]
    public async Task Stream_Raw_IsAnthropicsExactEventSequenceWithDecisionHeaders()
    {
        using var factory = new RouterFactory();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", RouterFactory.Key);
        client.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");

        using var response = await client.PostAsync("/v1/messages",
            Json("""{"model":"auto","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"hi"}]}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("github", response.Headers.GetValues("x-aiprovider-provider").Single());
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(frame => frame.Split('\n')).ToList();
        Assert.Equal(
            ["message_start", "ping", "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta",
             "content_block_stop", "message_delta", "message_stop"],
            events.Select(lines => lines[0]["event: ".Length..]));
        foreach (var lines in events)
        {
            using var data = JsonDocument.Parse(lines[1]["data: ".Length..]);
            Assert.Equal(lines[0]["event: ".Length..], data.RootElement.GetProperty("type").GetString());
        }
        using var delta = JsonDocument.Parse(events[7][1]["data: ".Length..]);
        Assert.Equal("end_turn", delta.RootElement.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal(3, delta.RootElement.GetProperty("usage").GetProperty("input_tokens").GetInt32());
    }

    [Fact]
    public async Task CreateStreaming_ToolCall_BecomesToolUseBlockWithInputJsonDeltas()
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
        string? toolName = null, toolId = null, stop = null;
        var json = new StringBuilder();

        await foreach (var ev in Client(factory).Messages.CreateStreaming(Params("what time is it?") with
        {
            Tools = [new Tool { Name = "get_time", InputSchema = new InputSchema { Properties = new Dictionary<string, JsonElement>() } }],
        }))
        {
            if (ev.TryPickContentBlockStart(out var start) && start!.ContentBlock.TryPickToolUse(out var toolUse))
            {
                (toolName, toolId) = (toolUse!.Name, toolUse.ID);
            }
            if (ev.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickInputJson(out var piece))
            {
                json.Append(piece!.PartialJson);
            }
            if (ev.TryPickDelta(out var messageDelta))
            {
                stop = messageDelta!.Delta.StopReason?.Raw();
            }
        }

        Assert.Equal("get_time", toolName);
        Assert.Equal("call_9", toolId);
        Assert.Equal("""{"zone":"UTC"}""", json.ToString());
        Assert.Equal("tool_use", stop);
        Assert.Equal("function", Assert.Single(factory.Backend.Calls).Request.Tools!.Value[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_WrongKey_ThrowsTheSdksUnauthorizedException()
    {
        using var factory = new RouterFactory();

        var ex = await Assert.ThrowsAsync<AnthropicUnauthorizedException>(() => Client(factory, "wrong-key").Messages.Create(Params("hi")));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        using var body = JsonDocument.Parse(ex.ResponseBody);
        Assert.Equal("error", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("authentication_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Messages_BearerKey_IsAcceptedLikeXApiKey()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/messages", Json("""{"model":"auto","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("message", body.RootElement.GetProperty("type").GetString());
        Assert.StartsWith("msg_", body.RootElement.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_MissingMaxTokens_Is400InvalidRequestError()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/messages", Json("""{"model":"auto","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("max_tokens: Field required", body.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("request_id").GetString()));
        Assert.Empty(factory.Backend.Calls);
    }

    [Theory]
    [InlineData("{\"model\":\"auto\",", "not valid JSON")]
    [InlineData("{\"model\":\"auto\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":7}]}", "messages.0.content")]
    public async Task Messages_UnreadableBody_Is400InAnthropicsShapeWithDecisionHeaders(string json, string mentions)
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/messages", Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("none", response.Headers.GetValues("x-aiprovider-provider").Single());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains(mentions, body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_EveryProviderOutOfQuota_ThrowsOverloaded529()
    {
        using var factory = new RouterFactory();
        foreach (var model in factory.Backend.Catalog.Models)
        {
            factory.Backend.Fail(model.Id, ErrorClass.QuotaExhausted, DateTimeOffset.UtcNow.AddMinutes(2));
        }

        var ex = await Assert.ThrowsAsync<AnthropicOverloadedException>(() => Client(factory).Messages.Create(Params("hi")));

        Assert.Equal(529, (int)ex.StatusCode);
        Assert.Contains("\"overloaded_error\"", ex.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownModel_Is404NotFoundError()
    {
        using var factory = new RouterFactory();

        var ex = await Assert.ThrowsAsync<AnthropicNotFoundException>(() => Client(factory).Messages.Create(Params("hi") with { Model = "no-such-model" }));

        Assert.Contains("\"not_found_error\"", ex.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountTokens_Sdk_CountsTheTranslatedPrompt()
    {
        using var factory = new RouterFactory();

        var count = await Client(factory).Messages.CountTokens(new MessageCountTokensParams
        {
            Model = "auto",
            Messages = [new UserMessageParam("Count these words please")],
        });

        // o200k_base: 4 tokens of text + "user" (1) + 3 per message + 3 reply primer, as routing counts a prompt.
        Assert.Equal(11, count.InputTokens);
        Assert.Empty(factory.Backend.Calls);
    }

    [Fact]
    public async Task Stream_ProviderFailsAfterContent_EndsWithErrorEventAndNoMessageStop()
    {
        using var factory = new RouterFactory();
        factory.Backend.Stream("github/gpt-4o-mini", () => [StreamEvents.Role(), StreamEvents.Content("Partial "), StreamEvents.Error(ErrorClass.Overloaded)]);
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/messages",
            Json("""{"model":"auto","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"hi"}]}"""));
        var frames = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("event: error", frames[^1].Split('\n')[0]);
        using var error = JsonDocument.Parse(frames[^1].Split('\n')[1]["data: ".Length..]);
        Assert.Equal("api_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.DoesNotContain(frames, f => f.StartsWith("event: message_stop", StringComparison.Ordinal));
        Assert.Single(factory.Backend.Calls); // never switched after content
    }

    [Fact]
    public async Task Stream_CachedAnswer_IsReplayedAsAnthropicEvents()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        using var first = await client.PostAsync("/v1/messages",
            Json("""{"model":"auto","max_tokens":20,"temperature":0,"messages":[{"role":"user","content":"hi"}]}"""));
        for (var i = 0; i < 200 && factory.Cache.Items.IsEmpty; i++)
        {
            await Task.Delay(10);
        }

        using var response = await client.PostAsync("/v1/messages",
            Json("""{"model":"auto","max_tokens":20,"temperature":0,"stream":true,"messages":[{"role":"user","content":"hi"}]}"""));
        var frames = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('\n')).ToList();

        Assert.Equal("HIT", response.Headers.GetValues("x-aiprovider-cache").Single());
        var text = string.Concat(frames.Where(f => f[0] == "event: content_block_delta")
            .Select(f => JsonDocument.Parse(f[1]["data: ".Length..]).RootElement.GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal("Hello from github/gpt-4o-mini", text);
        Assert.Equal("event: message_stop", frames[^1][0]);
        using var delta = JsonDocument.Parse(frames[^2][1]["data: ".Length..]);
        Assert.Equal(5, delta.RootElement.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Single(factory.Backend.Calls);
    }

    [Theory]
    [InlineData(422, 400, "invalid_request_error")]
    [InlineData(403, 403, "permission_error")]
    [InlineData(413, 413, "request_too_large")]
    [InlineData(429, 429, "rate_limit_error")]
    [InlineData(502, 502, "api_error")]
    [InlineData(503, 529, "overloaded_error")]
    public void StatusAndType_GatewayStatus_IsAnthropicsStatusAndType(int gateway, int status, string type) =>
        Assert.Equal((status, type), Errors.AnthropicErrors.StatusAndType(new Errors.GatewayError(gateway, "x", "m")));

    private static BackendStreamEvent ToolDelta(string toolCalls) => BackendStreamEvent.ForChunk(new ChatCompletionChunk
    {
        Id = "c",
        Choices = [new ChunkChoice { Delta = new ChunkDelta { ToolCalls = JsonDocument.Parse(toolCalls).RootElement } }],
    });
}
