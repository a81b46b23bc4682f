using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Tests.Fakes;

namespace Dapr.AiProvider.Router.Tests.Api.Anthropic;

/// <summary>
/// An Anthropic upstream's thinking and cache usage reach a <c>/v1/messages</c> client unchanged (issue #18): thinking
/// blocks with their signatures and redacted blocks, in a message and as Anthropic streams them
/// (<c>thinking_delta</c> … <c>signature_delta</c>), and <c>cache_creation_input_tokens</c> beside the cache reads.
/// Read with the official Anthropic .NET SDK, and raw for the exact event sequence.
/// </summary>
public sealed class AnthropicThinkingTests
{
    private const string Model = "anthropic/claude-haiku";
    private const string Thinking = """[{"type":"thinking","thinking":"Two names.","signature":"EuYDsig=="},{"type":"redacted_thinking","data":"EmwKAhgB"}]""";

    private static AnthropicClient Client(RouterFactory factory) => new()
    {
        ApiKey = RouterFactory.Key,
        BaseUrl = factory.Server.BaseAddress.ToString().TrimEnd('/'),
        HttpClient = factory.CreateClient(),
        MaxRetries = 0,
    };

    private static MessageCreateParams Params() => new()
    {
        Model = Model,
        MaxTokens = 2048,
        Thinking = new ThinkingConfigEnabled { BudgetTokens = 1024 },
        Messages = [new UserMessageParam("Two pelican names")],
    };

    // Anthropic's usage in the gateway's terms: 1,650 read from the cache, 40 written to it, 10 uncached.
    private static readonly TokenUsage CacheUsage = new() { InputTokens = 1700, CachedInputTokens = 1650, CacheWriteTokens = 40, OutputTokens = 7 };

    [Fact]
    public async Task Create_ThinkingBlocksAndCacheUsage_ComeBackAsAnthropicSentThem()
    {
        using var factory = new RouterFactory();
        factory.Backend.Answer(Model, request => AttemptOutcome<AdapterChatResult>.Success(FakeBackend.Success(request) with
        {
            Completion = FakeBackend.Success(request).Completion with
            {
                Choices = [new ChatChoice
                {
                    Message = new AssistantMessage { Content = "Pouch and Scoop.", ThinkingBlocks = JsonDocument.Parse(Thinking).RootElement },
                    FinishReason = "stop",
                }],
                Usage = OpenAiUsage.From(CacheUsage),
            },
        }));

        var message = await Client(factory).Messages.Create(Params());

        Assert.Equal(3, message.Content.Count);
        Assert.True(message.Content[0].TryPickThinking(out var thinking));
        Assert.Equal("Two names.", thinking!.Thinking);
        Assert.Equal("EuYDsig==", thinking.Signature);
        Assert.True(message.Content[1].TryPickRedactedThinking(out var redacted));
        Assert.Equal("EmwKAhgB", redacted!.Data);
        Assert.True(message.Content[2].TryPickText(out var text));
        Assert.Equal("Pouch and Scoop.", text!.Text);
        Assert.Equal(10, message.Usage.InputTokens);
        Assert.Equal(1650, message.Usage.CacheReadInputTokens);
        Assert.Equal(40, message.Usage.CacheCreationInputTokens);
        Assert.Equal(7, message.Usage.OutputTokens);
    }

    [Fact]
    public async Task Stream_Thinking_IsAnthropicsEventSequence()
    {
        using var factory = new RouterFactory();
        factory.Backend.Stream(Model, ThinkingStream);
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/messages", new StringContent(
            """{"model":"anthropic/claude-haiku","max_tokens":2048,"stream":true,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[{"role":"user","content":"hi"}]}""",
            Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(frame => frame.Split('\n'))
            .Select(lines => (Name: lines[0]["event: ".Length..], Data: JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement))
            .ToList();
        Assert.Equal(
            ["message_start", "ping",
             "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
             "content_block_start", "content_block_stop",
             "content_block_start", "content_block_delta", "content_block_stop",
             "message_delta", "message_stop"],
            events.Select(e => e.Name));
        Assert.Equal("""{"type":"thinking","thinking":"","signature":""}""", events[2].Data.GetProperty("content_block").GetRawText());
        Assert.Equal("""{"type":"thinking_delta","thinking":"Two "}""", events[3].Data.GetProperty("delta").GetRawText());
        Assert.Equal("""{"type":"thinking_delta","thinking":"names."}""", events[4].Data.GetProperty("delta").GetRawText());
        Assert.Equal("""{"type":"signature_delta","signature":"EuYDsig=="}""", events[5].Data.GetProperty("delta").GetRawText());
        Assert.Equal("""{"type":"redacted_thinking","data":"EmwKAhgB"}""", events[7].Data.GetProperty("content_block").GetRawText());
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 2, 2, 2], events.Skip(2).Take(10).Select(e => e.Data.GetProperty("index").GetInt32()));
        var usage = events[12].Data.GetProperty("usage");
        Assert.Equal(10, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(40, usage.GetProperty("cache_creation_input_tokens").GetInt32());
        Assert.Equal(1650, usage.GetProperty("cache_read_input_tokens").GetInt32());
    }

    [Fact]
    public async Task CreateStreaming_Sdk_AccumulatesThinkingAndSignature()
    {
        using var factory = new RouterFactory();
        factory.Backend.Stream(Model, ThinkingStream);
        var thinking = new StringBuilder();
        string? signature = null, redacted = null;

        await foreach (var ev in Client(factory).Messages.CreateStreaming(Params()))
        {
            if (ev.TryPickContentBlockStart(out var start) && start!.ContentBlock.TryPickRedactedThinking(out var block))
            {
                redacted = block!.Data;
            }
            if (ev.TryPickContentBlockDelta(out var delta))
            {
                if (delta!.Delta.TryPickThinking(out var piece))
                {
                    thinking.Append(piece!.Thinking);
                }
                if (delta.Delta.TryPickSignature(out var sig))
                {
                    signature = sig!.Signature;
                }
            }
        }

        Assert.Equal("Two names.", thinking.ToString());
        Assert.Equal("EuYDsig==", signature);
        Assert.Equal("EmwKAhgB", redacted);
    }

    private static IReadOnlyList<BackendStreamEvent> ThinkingStream() =>
    [
        Chunk(new ChunkDelta { Role = "assistant", Content = "" }),
        Chunk(new ChunkDelta { ThinkingBlocks = Piece("""{"type":"thinking","thinking":"Two "}""") }),
        Chunk(new ChunkDelta { ThinkingBlocks = Piece("""{"type":"thinking","thinking":"names."}""") }),
        Chunk(new ChunkDelta { ThinkingBlocks = Piece("""{"type":"thinking","thinking":"","signature":"EuYDsig=="}""") }),
        Chunk(new ChunkDelta { ThinkingBlocks = Piece("""{"type":"redacted_thinking","data":"EmwKAhgB"}""") }),
        Chunk(new ChunkDelta { Content = "Pouch and Scoop." }),
        Chunk(new ChunkDelta(), "stop"),
        BackendStreamEvent.ForUsage(new AdapterUsageReport { Provider = "anthropic", Model = "claude-haiku", Tokens = CacheUsage }),
        BackendStreamEvent.DoneEvent,
    ];

    private static JsonElement Piece(string block) => JsonDocument.Parse("[" + block + "]").RootElement;

    private static BackendStreamEvent Chunk(ChunkDelta delta, string? finish = null) => BackendStreamEvent.ForChunk(new ChatCompletionChunk
    {
        Id = "msg_1",
        Model = "claude-haiku",
        Choices = [new ChunkChoice { Delta = delta, FinishReason = finish }],
    });
}
