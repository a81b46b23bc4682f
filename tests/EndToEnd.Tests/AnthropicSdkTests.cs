using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>The official Anthropic .NET SDK, unchanged, against the gateway's <c>/v1/messages</c>, routed to any provider.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class AnthropicSdkTests(GatewayStack stack)
{
    private AnthropicClient Client(string key = GatewayStack.BootstrapKey) => new()
    {
        ApiKey = key,
        BaseUrl = stack.RouterUrl.ToString().TrimEnd('/'),
        MaxRetries = 0,
    };

    private static MessageCreateParams Params(string text) => new()
    {
        Model = "auto",
        MaxTokens = 200,
        Messages = [new UserMessageParam(text)],
    };

    [Fact]
    public async Task Create_OfficialSdk_ReturnsTextAndUsage()
    {
        var message = await Client().Messages.Create(Params("Write a haiku " + Guid.NewGuid()));

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.False(string.IsNullOrWhiteSpace(text!.Text));
        Assert.Equal("end_turn", message.StopReason!.Raw());
        Assert.True(message.Usage.InputTokens > 0);
        Assert.True(message.Usage.OutputTokens > 0);
    }

    [Fact]
    public async Task CreateStreaming_OfficialSdk_StreamsTextToMessageStop()
    {
        var text = new StringBuilder();
        string? stop = null;
        var stops = 0;
        await foreach (var ev in Client().Messages.CreateStreaming(Params("Stream a story " + Guid.NewGuid())))
        {
            if (ev.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var piece))
            {
                text.Append(piece!.Text);
            }
            if (ev.TryPickDelta(out var messageDelta))
            {
                stop = messageDelta!.Delta.StopReason?.Raw();
                Assert.True(messageDelta.Usage.OutputTokens > 0);
            }
            if (ev.TryPickStop(out _))
            {
                stops++;
            }
        }

        Assert.False(string.IsNullOrWhiteSpace(text.ToString()));
        Assert.Equal("end_turn", stop);
        Assert.Equal(1, stops);
    }

    [Fact]
    public async Task Create_ToolOffered_ReturnsToolUseWithSchemaShapedInput()
    {
        var parameters = Params("please call get_time for Berlin " + Guid.NewGuid()) with
        {
            Tools = [new Tool
            {
                Name = "get_time",
                InputSchema = new InputSchema
                {
                    Properties = new Dictionary<string, JsonElement> { ["zone"] = JsonDocument.Parse("""{"type":"string"}""").RootElement },
                },
            }],
        };

        var message = await Client().Messages.Create(parameters);

        Assert.Equal("tool_use", message.StopReason!.Raw());
        var toolUse = message.Content.Select(block => block.TryPickToolUse(out var t) ? t : null).Single(t => t is not null)!;
        Assert.Equal("get_time", toolUse.Name);
        Assert.Equal(JsonValueKind.String, toolUse.Input["zone"].ValueKind);
    }

    [Fact]
    public async Task Create_WrongKey_ThrowsTheSdksUnauthorizedException()
    {
        var ex = await Assert.ThrowsAsync<AnthropicUnauthorizedException>(() => Client("aip_wrong").Messages.Create(Params("hi")));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("\"authentication_error\"", ex.ResponseBody, StringComparison.Ordinal);
    }
    /// <summary>
    /// Anthropic-only fields through the whole stack (issue #18): the simulator playing Anthropic is sent the SDK's body
    /// (thinking, the request-level cache_control), nothing is named as dropped, and the cache reads and writes it
    /// reports come back as Anthropic's own usage fields.
    /// </summary>
    [Fact]
    public async Task Create_AnthropicOnlyFieldsToAnthropic_HonouredAndCacheUsageReturned()
    {
        var message = await Client().Messages.Create(new MessageCreateParams
        {
            Model = "anthropic/claude-haiku-5-5",
            MaxTokens = 2048,
            Thinking = new ThinkingConfigEnabled { BudgetTokens = 1024 },
            CacheControl = new CacheControlEphemeral(),
            Messages = [new UserMessageParam("[[sim:cached=1000,cache_write=300]] Cache me " + Guid.NewGuid())],
        });

        Assert.True(message.Content[0].TryPickText(out _));
        Assert.Equal(1000, message.Usage.CacheReadInputTokens);
        Assert.Equal(300, message.Usage.CacheCreationInputTokens);
        Assert.True(message.Usage.InputTokens > 0);
    }

    [Theory]
    [InlineData("anthropic/claude-haiku-5-5", null)]
    [InlineData("gemini/gemini-2.5-pro", "cache_control,thinking,top_k")]
    public async Task Messages_AnthropicOnlyFields_NamedAsDroppedOnlyWhereNotHonoured(string model, string? dropped)
    {
        using var response = await stack.Client.PostAsync("/v1/messages", new StringContent($$$"""
            {"model":"{{{model}}}","max_tokens":2048,"top_k":5,"thinking":{"type":"enabled","budget_tokens":1024},
             "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":"Fields {{{Guid.NewGuid()}}}"}]}
            """, Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(model.Split('/')[0], response.Headers.GetValues("x-aiprovider-provider").Single());
        if (dropped is null)
        {
            Assert.False(response.Headers.Contains("x-aiprovider-dropped-params"));
        }
        else
        {
            Assert.Equal(dropped, response.Headers.GetValues("x-aiprovider-dropped-params").Single());
        }
    }
}
