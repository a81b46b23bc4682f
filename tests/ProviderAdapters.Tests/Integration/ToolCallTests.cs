using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>Tools offered in OpenAI shape come back as OpenAI tool_calls from every family, in both modes.</summary>
[Trait("Category", "Process")]
public sealed class ToolCallTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IDisposable
{
    private static readonly JsonElement Tools = JsonDocument.Parse("""
        [{"type":"function","function":{"name":"get_weather","description":"Weather by city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]
        """).RootElement.Clone();

    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(simulator.Url);

    [Theory]
    [InlineData("openai", "gpt-4o-mini")]
    [InlineData("anthropic", "claude-haiku-5-5")]
    [InlineData("gemini", "gemini-2.5-flash")]
    [InlineData("groq", "llama-3.3-70b-versatile")]
    public async Task Chat_ToolOffered_ToolCallInBothModesWithSameArguments(string provider, string model)
    {
        using var client = _app.CreateClient();
        var request = AdapterCalls.Request(provider, model, "Please call get_weather for Paris");
        request = request with { Request = request.Request with { Tools = Tools } };

        using var unaryResponse = await AdapterCalls.PostAsync(client, request, stream: false);
        var unary = await AdapterCalls.ReadResultAsync(unaryResponse);
        var choice = unary.Completion.Choices[0];
        Assert.Equal("tool_calls", choice.FinishReason);
        var call = choice.Message.ToolCalls!.Value[0];
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(call.GetProperty("id").GetString()));
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        var arguments = call.GetProperty("function").GetProperty("arguments").GetString()!;
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(arguments).RootElement.ValueKind);

        using var streamResponse = await AdapterCalls.PostAsync(client, request, stream: true);
        var streamed = await AdapterCalls.ReadStreamAsync(streamResponse);
        Assert.Null(streamed.Error);
        var (name, streamedArguments) = Assemble(streamed.Chunks);
        Assert.Equal("get_weather", name);
        Assert.Equal(Normalise(arguments), Normalise(streamedArguments));
        Assert.Equal("tool_calls", streamed.Usage!.FinishReason);
    }

    private static (string? Name, string Arguments) Assemble(IEnumerable<ChatCompletionChunk> chunks)
    {
        string? name = null;
        var arguments = new StringBuilder();
        foreach (var delta in chunks.SelectMany(c => c.Choices).Select(c => c.Delta))
        {
            if (delta.ToolCalls is not { } calls)
            {
                continue;
            }
            foreach (var call in calls.EnumerateArray())
            {
                var function = call.GetProperty("function");
                if (function.TryGetProperty("name", out var n))
                {
                    name ??= n.GetString();
                }
                if (function.TryGetProperty("arguments", out var a))
                {
                    arguments.Append(a.GetString());
                }
            }
        }
        return (name, arguments.ToString());
    }

    private static string Normalise(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    public void Dispose() => _app.Dispose();
}
