using System.Net;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Tests.Integration;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Replay;

/// <summary>
/// Every real provider recording of <c>../shared/replay/fixtures</c> through the adapters in process, the recorded
/// bytes as the upstream answer, compared with the fixture's <c>expect</c> as <c>../shared/replay/check.mjs</c>
/// compares the gateway's answer: text exact, prompt/completion tokens exact, cached and reasoning tokens
/// (null = 0 or absent), finish reason, tool calls in order (name, non-empty id, type function, arguments a JSON
/// string equal as JSON to the recorded input); streams: no in-band error and the usage event last.
/// </summary>
public sealed class ReplayTests(ReplayUpstream upstream) : IClassFixture<ReplayUpstream>, IDisposable
{
    // The current model of each family (the recordings' own models are retired or old; the wire format is the family's).
    private static readonly Dictionary<string, (string Provider, string Model)> Models = new()
    {
        ["openai"] = ("openai", "gpt-4o-mini"),
        ["anthropic"] = ("anthropic", "claude-sonnet-5-5"),
        ["gemini"] = ("gemini", "gemini-2.5-flash"),
    };

    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(upstream.Url);

    public static TheoryData<string> Fixtures => ReplayFixtures.Ids;

    [Fact]
    public void Fixtures_AllFifteenRecordingsAreRead() => Assert.Equal(15, ReplayFixtures.All.Count);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Chat_RecordedProviderBytes_AnswerIsTheFixturesExpect(string id)
    {
        var fixture = ReplayFixtures.Get(id);
        var (provider, model) = Models[fixture.Family];
        var request = AdapterCalls.Request(provider, model, $"Replay fixture replay:{id} exactly as recorded.");
        request = request with { Request = request.Request with { Tools = fixture.Tools, MaxTokens = null } };
        using var client = _app.CreateClient();

        using var response = await AdapterCalls.PostAsync(client, request, fixture.Stream);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = fixture.Stream ? await StreamedAsync(response) : await UnaryAsync(response);
        Assert.Contains(id, upstream.Served);
        AssertExpected(fixture.Expect, answer);
    }

    /// <summary>
    /// Anthropic's thinking as recorded reaches the gateway's answer unchanged (thinking_blocks): the whole blocks of a
    /// message, and a stream's thinking_delta/signature_delta pieces that join into the recorded blocks (a signature ends
    /// a block, as the router's Messages writer reads them).
    /// </summary>
    [Theory]
    [InlineData("anthropic-msg-thinking-tool")]
    [InlineData("anthropic-stream-thinking")]
    public async Task AnthropicThinking_RecordedBytes_ThinkingBlocksAndSignaturesUnchanged(string id)
    {
        var fixture = ReplayFixtures.Get(id);
        var request = AdapterCalls.Request("anthropic", Models["anthropic"].Model, $"Replay fixture replay:{id} exactly as recorded.");
        request = request with { Request = request.Request with { Tools = fixture.Tools, MaxTokens = null } };
        using var client = _app.CreateClient();

        using var response = await AdapterCalls.PostAsync(client, request, fixture.Stream);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        List<string> blocks;
        if (fixture.Stream)
        {
            var stream = await AdapterCalls.ReadStreamAsync(response);
            blocks = JoinPieces(stream.Chunks.SelectMany(c => c.Choices).Select(c => c.Delta.ThinkingBlocks)
                .OfType<JsonElement>().SelectMany(b => b.EnumerateArray()));
        }
        else
        {
            var result = await AdapterCalls.ReadResultAsync(response);
            blocks = [.. Assert.Single(result.Completion.Choices).Message.ThinkingBlocks!.Value.EnumerateArray().Select(Canonical)];
        }
        Assert.NotEmpty(blocks);
        Assert.Equal(RecordedThinking(fixture), blocks);
    }

    /// <summary>The recorded thinking blocks, canonical: a message's content, or a stream's blocks rebuilt from its events.</summary>
    private static List<string> RecordedThinking(ReplayFixture fixture)
    {
        if (!fixture.Stream)
        {
            return [.. JsonDocument.Parse(fixture.Body).RootElement.GetProperty("content").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() is "thinking" or "redacted_thinking").Select(Canonical)];
        }
        var blocks = new List<Dictionary<string, string>>();
        foreach (var line in fixture.Body.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("data:", StringComparison.Ordinal)))
        {
            var data = JsonDocument.Parse(line["data:".Length..]).RootElement;
            var type = data.GetProperty("type").GetString();
            if (type == "content_block_start" && data.GetProperty("content_block") is var block
                && block.GetProperty("type").GetString() is "thinking" or "redacted_thinking")
            {
                blocks.Add(block.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""));
            }
            else if (type == "content_block_delta" && data.GetProperty("delta") is var delta)
            {
                switch (delta.GetProperty("type").GetString())
                {
                    case "thinking_delta":
                        blocks[^1]["thinking"] += delta.GetProperty("thinking").GetString();
                        break;
                    case "signature_delta":
                        blocks[^1]["signature"] = delta.GetProperty("signature").GetString()!;
                        break;
                }
            }
        }
        return [.. blocks.Select(b => Canonical(JsonSerializer.SerializeToElement(b)))];
    }

    private static List<string> JoinPieces(IEnumerable<JsonElement> pieces)
    {
        var blocks = new List<Dictionary<string, string>>();
        var open = false;
        foreach (var piece in pieces)
        {
            if (piece.GetProperty("type").GetString() == "redacted_thinking")
            {
                blocks.Add(piece.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""));
                open = false;
                continue;
            }
            if (!open)
            {
                blocks.Add(new() { ["type"] = "thinking", ["thinking"] = "", ["signature"] = "" });
                open = true;
            }
            blocks[^1]["thinking"] += piece.GetProperty("thinking").GetString();
            if (piece.TryGetProperty("signature", out var signature))
            {
                blocks[^1]["signature"] = signature.GetString()!;
                open = false;
            }
        }
        return [.. blocks.Select(b => Canonical(JsonSerializer.SerializeToElement(b)))];
    }

    private static async Task<Answer> UnaryAsync(HttpResponseMessage response)
    {
        var result = await AdapterCalls.ReadResultAsync(response);
        var choice = Assert.Single(result.Completion.Choices);
        var calls = new List<Call>();
        if (choice.Message.ToolCalls is { } toolCalls)
        {
            foreach (var call in toolCalls.EnumerateArray())
            {
                var function = call.GetProperty("function");
                calls.Add(new Call(call.GetProperty("id").GetString() ?? "", call.GetProperty("type").GetString() ?? "",
                    function.GetProperty("name").GetString() ?? "", function.GetProperty("arguments").GetString()));
            }
        }
        return new Answer(choice.Message.Content ?? "", result.Usage.Tokens, choice.FinishReason, calls);
    }

    private static async Task<Answer> StreamedAsync(HttpResponseMessage response)
    {
        var stream = await AdapterCalls.ReadStreamAsync(response);
        Assert.Null(stream.Error);
        Assert.Equal("usage", stream.Events.SkipLast(1).Last());
        var calls = new SortedDictionary<int, Call>();
        string? finish = null;
        foreach (var choice in stream.Chunks.SelectMany(c => c.Choices))
        {
            finish = choice.FinishReason ?? finish;
            if (choice.Delta.ToolCalls is not { } deltas)
            {
                continue;
            }
            foreach (var delta in deltas.EnumerateArray())
            {
                // Joined by index as an OpenAI client does (check.mjs readStream).
                var index = delta.TryGetProperty("index", out var i) ? i.GetInt32() : 0;
                var call = calls.GetValueOrDefault(index, new Call("", "", "", ""));
                var function = delta.GetProperty("function");
                calls[index] = new Call(
                    delta.TryGetProperty("id", out var callId) && callId.GetString() is { Length: > 0 } newId ? newId : call.Id,
                    delta.TryGetProperty("type", out var type) && type.GetString() is { Length: > 0 } newType ? newType : call.Type,
                    call.Name + (function.TryGetProperty("name", out var name) ? name.GetString() : ""),
                    call.Arguments + (function.TryGetProperty("arguments", out var arguments) ? arguments.GetString() : ""));
            }
        }
        return new Answer(stream.Text, stream.Usage!.Tokens, finish, [.. calls.Values]);
    }

    private static void AssertExpected(JsonElement expect, Answer answer)
    {
        Assert.Equal(expect.GetProperty("text").GetString(), answer.Text);
        Assert.Equal(expect.GetProperty("prompt_tokens").GetInt32(), answer.Usage.InputTokens);
        Assert.Equal(expect.GetProperty("completion_tokens").GetInt32(), answer.Usage.OutputTokens);
        Assert.Equal(NullAsZero(expect.GetProperty("cached_tokens")), answer.Usage.CachedInputTokens);
        Assert.Equal(NullAsZero(expect.GetProperty("reasoning_tokens")), answer.Usage.ReasoningTokens);
        Assert.Equal(expect.GetProperty("finish_reason").GetString(), answer.FinishReason);
        var wanted = expect.TryGetProperty("tool_calls", out var tools) ? tools.EnumerateArray().ToList() : [];
        Assert.Equal(wanted.Count, answer.Calls.Count);
        for (var i = 0; i < wanted.Count; i++)
        {
            var call = answer.Calls[i];
            Assert.Equal(wanted[i].GetProperty("name").GetString(), call.Name);
            Assert.False(string.IsNullOrEmpty(call.Id), $"tool_calls[{i}].id is empty");
            Assert.Equal("function", call.Type);
            Assert.NotNull(call.Arguments);
            Assert.Equal(Canonical(wanted[i].GetProperty("arguments")), Canonical(JsonDocument.Parse(call.Arguments).RootElement));
        }
    }

    private static int NullAsZero(JsonElement value) => value.ValueKind == JsonValueKind.Null ? 0 : value.GetInt32();

    /// <summary>JSON with object keys sorted, so equal values compare equal as text (check.mjs deepEqual).</summary>
    private static string Canonical(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Name) + ":" + Canonical(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Select(Canonical)) + "]",
        _ => value.GetRawText(),
    };

    private sealed record Answer(string Text, TokenUsage Usage, string? FinishReason, IReadOnlyList<Call> Calls);

    private sealed record Call(string Id, string Type, string Name, string? Arguments);

    public void Dispose() => _app.Dispose();
}
