using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>
/// The real provider recordings of <c>../shared/replay</c> through the whole stack to a <c>/v1/messages</c> (Anthropic)
/// and a <c>/v1/responses</c> (OpenAI Responses) client: each fixture's <c>expect</c> (the OpenAI-shaped reading of the
/// recorded bytes, see <c>../shared/replay/README.md</c>) read back in the dialect's own shape, plain and streamed.
/// The replay server picks the recording by the <c>replay:&lt;id&gt;</c> marker, not by model, so each family is asked
/// for a current model of the catalog.
/// </summary>
[Trait("Category", "Process")]
public sealed class ReplayDialectsTests(ReplayStack replay) : IClassFixture<ReplayStack>
{
    // gemini-2.5-pro rather than the free-tier Flash: five Gemini recordings would meet Flash's 5 requests a minute.
    private static readonly Dictionary<string, string> Models = new()
    {
        ["openai"] = "openai/gpt-6-luna",
        ["anthropic"] = "anthropic/claude-sonnet-5-5",
        ["gemini"] = "gemini/gemini-2.5-pro",
    };

    public static TheoryData<string> AnthropicFixtures => Ids(f => f.Family == "anthropic");

    public static TheoryData<string> AllFixtures => Ids(_ => true);

    [Theory]
    [MemberData(nameof(AnthropicFixtures))]
    public async Task Messages_RecordedAnthropicBytes_AnthropicShapeOfExpect(string id)
    {
        var fixture = ReplayFixtures.Get(id);
        var body = new JsonObject
        {
            ["model"] = Models[fixture.Family],
            ["max_tokens"] = 1024,
            ["stream"] = fixture.Stream,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Marker(id) }),
        };
        if (fixture.Tools is { } tools)
        {
            body["tools"] = new JsonArray([.. tools.EnumerateArray().Select(t => t.GetProperty("function")).Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.GetProperty("name").GetString(),
                ["description"] = f.GetProperty("description").GetString(),
                ["input_schema"] = JsonNode.Parse(f.GetProperty("parameters").GetRawText()),
            })]);
        }

        var (message, events) = fixture.Stream
            ? FromMessagesStream(await PostStreamAsync("/v1/messages", body, fixture))
            : (await PostAsync("/v1/messages", body, fixture), null);

        Assert.Contains(id, await replay.ServedAsync());
        var expect = fixture.Expect;
        Assert.Equal("message", message["type"]!.GetValue<string>());
        Assert.Equal("assistant", message["role"]!.GetValue<string>());
        var blocks = message["content"]!.AsArray().Select(b => b!).ToList();
        Assert.Equal(expect.GetProperty("text").GetString(),
            string.Concat(blocks.Where(b => Type(b) == "text").Select(b => b["text"]!.GetValue<string>())));
        var toolUses = blocks.Where(b => Type(b) == "tool_use").ToList();
        var expectedCalls = ExpectedCalls(expect);
        Assert.Equal(expectedCalls.Select(c => c.Name), toolUses.Select(b => b["name"]!.GetValue<string>()));
        foreach (var (call, block) in expectedCalls.Zip(toolUses))
        {
            Assert.False(string.IsNullOrEmpty(block["id"]?.GetValue<string>()));
            AssertJsonEqual(call.Arguments, block["input"]);
        }
        Assert.Equal(expect.GetProperty("finish_reason").GetString() switch
        {
            "stop" => "end_turn",
            "tool_calls" => "tool_use",
            "length" => "max_tokens",
            var other => throw new InvalidOperationException($"{id}: finish_reason {other} has no Anthropic stop_reason"),
        }, message["stop_reason"]!.GetValue<string>());

        // Anthropic counts the cache apart: input_tokens + cache reads + cache writes is OpenAI's prompt_tokens.
        var usage = message["usage"]!;
        Assert.Equal(expect.GetProperty("completion_tokens").GetInt32(), usage["output_tokens"]!.GetValue<int>());
        Assert.Equal(Count(expect, "cached_tokens"), usage["cache_read_input_tokens"]?.GetValue<int>() ?? 0);
        Assert.Equal(RecordedCacheWrites(fixture), usage["cache_creation_input_tokens"]?.GetValue<int>() ?? 0);
        Assert.Equal(expect.GetProperty("prompt_tokens").GetInt32(),
            usage["input_tokens"]!.GetValue<int>() + (usage["cache_read_input_tokens"]?.GetValue<int>() ?? 0)
            + (usage["cache_creation_input_tokens"]?.GetValue<int>() ?? 0));
        if (events is not null)
        {
            AssertMessagesEventSequence(events);
        }
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public async Task Responses_RecordedProviderBytes_ResponsesShapeOfExpect(string id)
    {
        var fixture = ReplayFixtures.Get(id);
        var body = new JsonObject
        {
            ["model"] = Models[fixture.Family],
            ["input"] = Marker(id),
            ["stream"] = fixture.Stream,
        };
        if (fixture.Tools is { } tools)
        {
            body["tools"] = new JsonArray([.. tools.EnumerateArray().Select(t => t.GetProperty("function")).Select(f => (JsonNode)new JsonObject
            {
                ["type"] = "function",
                ["name"] = f.GetProperty("name").GetString(),
                ["description"] = f.GetProperty("description").GetString(),
                ["parameters"] = JsonNode.Parse(f.GetProperty("parameters").GetRawText()),
            })]);
        }

        var response = fixture.Stream
            ? FromResponsesStream(await PostStreamAsync("/v1/responses", body, fixture), fixture.Expect)
            : await PostAsync("/v1/responses", body, fixture);

        Assert.Contains(id, await replay.ServedAsync());
        var expect = fixture.Expect;
        Assert.Equal("response", response["object"]!.GetValue<string>());
        Assert.Equal(expect.GetProperty("finish_reason").GetString() == "length" ? "incomplete" : "completed",
            response["status"]!.GetValue<string>());
        var items = response["output"]!.AsArray().Select(i => i!).ToList();
        Assert.Equal(expect.GetProperty("text").GetString(), string.Concat(items.Where(i => Type(i) == "message")
            .SelectMany(i => i["content"]!.AsArray()).Where(p => Type(p!) == "output_text").Select(p => p!["text"]!.GetValue<string>())));
        var calls = items.Where(i => Type(i) == "function_call").ToList();
        var expectedCalls = ExpectedCalls(expect);
        Assert.Equal(expectedCalls.Select(c => c.Name), calls.Select(c => c["name"]!.GetValue<string>()));
        foreach (var (call, item) in expectedCalls.Zip(calls))
        {
            Assert.False(string.IsNullOrEmpty(item["call_id"]?.GetValue<string>()));
            AssertJsonEqual(call.Arguments, JsonNode.Parse(item["arguments"]!.GetValue<string>()));
        }
        var usage = response["usage"]!;
        Assert.Equal(expect.GetProperty("prompt_tokens").GetInt32(), usage["input_tokens"]!.GetValue<int>());
        Assert.Equal(expect.GetProperty("completion_tokens").GetInt32(), usage["output_tokens"]!.GetValue<int>());
        Assert.Equal(Count(expect, "cached_tokens"), usage["input_tokens_details"]?["cached_tokens"]?.GetValue<int>() ?? 0);
        Assert.Equal(Count(expect, "reasoning_tokens"), usage["output_tokens_details"]?["reasoning_tokens"]?.GetValue<int>() ?? 0);
    }

    private static string Marker(string id) => $"Replay fixture replay:{id} exactly as recorded.";

    private static TheoryData<string> Ids(Func<ReplayFixture, bool> which)
    {
        var data = new TheoryData<string>();
        foreach (var fixture in ReplayFixtures.All.Where(which))
        {
            data.Add(fixture.Id);
        }
        return data;
    }

    /// <summary>
    /// The recorded <c>cache_creation_input_tokens</c> (not in <c>expect</c>, which folds it into prompt_tokens): the
    /// message's usage, or in a stream the last frame (message_start, message_delta) that reports it.
    /// </summary>
    private static int RecordedCacheWrites(ReplayFixture fixture)
    {
        var frames = fixture.Stream
            ? fixture.Body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l[5..])!)
            : [JsonNode.Parse(fixture.Body)!];
        return frames.Select(f => (f["usage"] ?? f["message"]?["usage"])?["cache_creation_input_tokens"]?.GetValue<int>())
            .LastOrDefault(n => n is not null) ?? 0;
    }

    private static string? Type(JsonNode node) => node["type"]?.GetValue<string>();

    /// <summary>A count of <c>expect</c>; <c>null</c> is "the provider reported none", which a client reads as 0 or absent.</summary>
    private static int Count(JsonElement expect, string name) =>
        expect.GetProperty(name).ValueKind == JsonValueKind.Null ? 0 : expect.GetProperty(name).GetInt32();

    private static List<(string Name, JsonNode? Arguments)> ExpectedCalls(JsonElement expect) =>
        expect.TryGetProperty("tool_calls", out var calls)
            ? [.. calls.EnumerateArray().Select(c => (c.GetProperty("name").GetString()!, JsonNode.Parse(c.GetProperty("arguments").GetRawText())))]
            : [];

    private static void AssertJsonEqual(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString()}, got {actual?.ToJsonString()}");

    private async Task<JsonNode> PostAsync(string path, JsonObject body, ReplayFixture fixture)
    {
        using var response = await SendAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        AssertAnswered(response, text, fixture);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!;
    }

    /// <summary>The stream's events in order: the <c>event:</c> name (null when absent) and the <c>data:</c> JSON.</summary>
    private async Task<List<(string? Name, JsonNode Data)>> PostStreamAsync(string path, JsonObject body, ReplayFixture fixture)
    {
        using var response = await SendAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        AssertAnswered(response, text, fixture);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<(string?, JsonNode)>();
        foreach (var frame in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = frame.Split('\n');
            var name = lines.FirstOrDefault(l => l.StartsWith("event:", StringComparison.Ordinal))?["event:".Length..].Trim();
            var data = string.Join('\n', lines.Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l["data:".Length..].TrimStart()));
            if (data.Length > 0)
            {
                events.Add((name, JsonNode.Parse(data)!));
            }
        }
        return events;
    }

    private async Task<HttpResponseMessage> SendAsync(string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        // Two dialects ask for the same recording: each must reach the replay server, not the gateway's answer cache.
        request.Headers.Add("x-aiprovider-cache", "bypass");
        return await replay.Gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private void AssertAnswered(HttpResponseMessage response, string text, ReplayFixture fixture)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}\n{replay.Gateway.LauncherOutput[^Math.Min(4000, replay.Gateway.LauncherOutput.Length)..]}");
        Assert.Equal(fixture.Family, response.Headers.GetValues("x-aiprovider-provider").Single());
    }

    /// <summary>
    /// A Messages stream folded into the message it streams, as Anthropic's SDKs accumulate it: content blocks from
    /// <c>content_block_start</c> and their deltas (<c>text_delta</c>, <c>input_json_delta</c> joined then parsed, "" = {}),
    /// usage of <c>message_start</c> overwritten field by field by <c>message_delta</c>'s.
    /// </summary>
    private static (JsonNode Message, List<(string? Name, JsonNode Data)> Events) FromMessagesStream(List<(string? Name, JsonNode Data)> events)
    {
        Assert.All(events, e => Assert.Equal(e.Name, Type(e.Data)));
        var message = events[0].Data["message"]!.DeepClone();
        var blocks = new JsonArray();
        var json = new Dictionary<int, StringBuilder>();
        foreach (var (name, data) in events)
        {
            switch (name)
            {
                case "content_block_start":
                    blocks.Add(data["content_block"]!.DeepClone());
                    if (Type(data["content_block"]!) == "tool_use")
                    {
                        json[data["index"]!.GetValue<int>()] = new StringBuilder();
                    }
                    break;
                case "content_block_delta":
                    var block = blocks[data["index"]!.GetValue<int>()]!;
                    var delta = data["delta"]!;
                    switch (Type(delta))
                    {
                        case "text_delta":
                            block["text"] = block["text"]!.GetValue<string>() + delta["text"]!.GetValue<string>();
                            break;
                        case "input_json_delta":
                            json[data["index"]!.GetValue<int>()].Append(delta["partial_json"]!.GetValue<string>());
                            break;
                    }
                    break;
                case "message_delta":
                    message["stop_reason"] = data["delta"]!["stop_reason"]!.DeepClone();
                    foreach (var (field, value) in data["usage"]!.AsObject())
                    {
                        message["usage"]![field] = value?.DeepClone();
                    }
                    break;
            }
        }
        foreach (var (index, text) in json)
        {
            blocks[index]!["input"] = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text.ToString());
        }
        message["content"] = blocks;
        return (message, events);
    }

    /// <summary>
    /// Anthropic's event grammar: <c>message_start</c>; per block, <c>content_block_start</c> (indexes 0, 1, … in order),
    /// its deltas, <c>content_block_stop</c>; one <c>message_delta</c>; <c>message_stop</c> last (<c>ping</c> may come anywhere
    /// in between). https://docs.anthropic.com/en/api/messages-streaming "Event types", checked 2026-12-07.
    /// </summary>
    private static void AssertMessagesEventSequence(List<(string? Name, JsonNode Data)> events)
    {
        var names = events.Select(e => e.Name).Where(n => n != "ping").ToList();
        Assert.Equal("message_start", names[0]);
        Assert.Equal(["message_delta", "message_stop"], names[^2..]);
        int? open = null;
        var next = 0;
        foreach (var (name, data) in events.Skip(1).SkipLast(2).Where(e => e.Name != "ping"))
        {
            var index = data["index"]?.GetValue<int>();
            switch (name)
            {
                case "content_block_start":
                    Assert.Null(open);
                    Assert.Equal(next++, index);
                    open = index;
                    break;
                case "content_block_delta":
                    Assert.Equal(open, index);
                    break;
                case "content_block_stop":
                    Assert.Equal(open, index);
                    open = null;
                    break;
                default:
                    Assert.Fail($"unexpected event '{name}' between message_start and message_delta");
                    break;
            }
        }
        Assert.Null(open);
    }

    /// <summary>
    /// A Responses stream: <c>response.created</c> first, <c>response.completed</c> last, <c>sequence_number</c> 0, 1, …;
    /// the text deltas join to <paramref name="expect"/>'s text; the final <c>response</c> is what the test reads further.
    /// </summary>
    private static JsonNode FromResponsesStream(List<(string? Name, JsonNode Data)> events, JsonElement expect)
    {
        Assert.All(events, e => Assert.Equal(e.Name, Type(e.Data)));
        Assert.Equal("response.created", events[0].Name);
        Assert.Equal("response.completed", events[^1].Name);
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Data["sequence_number"]!.GetValue<int>()));
        Assert.Equal(expect.GetProperty("text").GetString(), string.Concat(events.Where(e => e.Name == "response.output_text.delta")
            .Select(e => e.Data["delta"]!.GetValue<string>())));
        return events[^1].Data["response"]!;
    }
}
