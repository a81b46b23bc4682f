using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Dapr.AiProvider.ProviderSimulator.Tests.Anthropic;

/// <summary>The official Anthropic .NET SDK against /anthropic: proves the Messages wire format and named SSE events.</summary>
[Trait("Category", "Process")]
public sealed class AnthropicSdkTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private AnthropicClient Client(string key = SimulatorFixture.Key) => new()
    {
        ApiKey = key,
        BaseUrl = new Uri(sim.Server.BaseAddress, "/anthropic").ToString(),
        HttpClient = sim.CreateClient(),
        MaxRetries = 0,
    };

    private static MessageCreateParams Params(string text, long maxTokens = 256) => new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = maxTokens,
        Messages = [new UserMessageParam(text)],
    };

    [Fact]
    public async Task Create_TextPrompt_ReturnsAnswerWithCacheUsage()
    {
        const string Prompt = "Explain actors briefly [[sim:cached=120,cache_write=30]]";
        var message = await Client().Messages.Create(Params(Prompt));

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("Simulated answer from anthropic/claude-sonnet-4-5: Explain actors briefly", text!.Text);
        Assert.Equal("end_turn", message.StopReason!.Raw());
        Assert.Equal(120, message.Usage.CacheReadInputTokens);
        Assert.Equal(30, message.Usage.CacheCreationInputTokens);
        Assert.Equal((Prompt.Length + 3) / 4, message.Usage.InputTokens);
        Assert.Equal((text.Text.Length + 3) / 4, message.Usage.OutputTokens);
    }

    [Fact]
    public async Task CreateStreaming_TextPrompt_AssemblesDeltasAndFinalUsage()
    {
        var text = new StringBuilder();
        long output = 0;
        string? stop = null;
        var starts = 0;
        await foreach (var ev in Client().Messages.CreateStreaming(Params("stream over named events")))
        {
            if (ev.TryPickStart(out _))
            {
                starts++;
            }
            if (ev.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var piece))
            {
                text.Append(piece!.Text);
            }
            if (ev.TryPickDelta(out var messageDelta))
            {
                output = messageDelta!.Usage.OutputTokens;
                stop = messageDelta.Delta.StopReason?.Raw();
            }
        }

        Assert.Equal(1, starts);
        Assert.Equal("Simulated answer from anthropic/claude-sonnet-4-5: stream over named events", text.ToString());
        Assert.Equal((text.Length + 3) / 4, output);
        Assert.Equal("end_turn", stop);
    }

    [Fact]
    public async Task Create_MaxTokensSmall_StopsWithMaxTokens()
    {
        var message = await Client().Messages.Create(Params("a question that needs a long answer", maxTokens: 4));

        Assert.Equal("max_tokens", message.StopReason!.Raw());
        Assert.Equal(4, message.Usage.OutputTokens);
    }

    [Fact]
    public async Task Create_ToolRequested_ReturnsToolUseBlock()
    {
        var parameters = Params("please call get_time for Berlin") with
        {
            Tools = [new Tool
            {
                Name = "get_time",
                InputSchema = new InputSchema
                {
                    Properties = new Dictionary<string, JsonElement>
                    {
                        ["zone"] = JsonDocument.Parse("""{"type":"string"}""").RootElement,
                    },
                },
            }],
        };
        var message = await Client().Messages.Create(parameters);

        Assert.Equal("tool_use", message.StopReason!.Raw());
        Assert.True(message.Content[0].TryPickToolUse(out var toolUse));
        Assert.Equal("get_time", toolUse!.Name);
        Assert.StartsWith("toolu_", toolUse.ID, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, toolUse.Input["zone"].ValueKind);
    }

    [Fact]
    public async Task Create_WrongKey_ThrowsUnauthorized()
    {
        var ex = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => Client("nope").Messages.Create(Params("hi")));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("authentication_error", ex.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_OverloadedFault_Throws529()
    {
        var ex = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => Client().Messages.Create(Params("x [[sim:fault=overloaded]]")));

        Assert.Equal(529, (int)ex.StatusCode);
        Assert.Contains("overloaded_error", ex.ResponseBody, StringComparison.Ordinal);
    }
}
