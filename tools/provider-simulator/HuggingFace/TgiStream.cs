using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.HuggingFace;

/// <summary>
/// TGI token events <c>data: {"index","token","generated_text":null,"details":null}</c>; the last
/// token carries <c>generated_text</c> and <c>details</c> (there is no other terminator), so one
/// token is held back until the finish.
/// </summary>
internal sealed class TgiStream(HttpResponse response, SimAnswer answer) : IChatStream
{
    private readonly SseWriter _sse = new(response);
    private (int Index, string Text)? _pending;

    public string ContentType => "text/event-stream";

    public Task PreludeAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task PieceAsync(int index, string piece, CancellationToken ct)
    {
        if (_pending is { } previous)
        {
            await _sse.EventAsync(null, w => WriteEvent(w, previous.Index, previous.Text, false), ct);
        }
        _pending = (index, piece);
    }

    public Task FinishAsync(CancellationToken ct)
    {
        var (index, text) = _pending ?? (0, "");
        return _sse.EventAsync(null, w => WriteEvent(w, index, text, true), ct);
    }

    public Task InBandErrorAsync(FaultContext context, CancellationToken ct) => _sse.EventAsync(null, w =>
    {
        w.WriteStartObject();
        w.WriteString("error", "Request failed during generation: Server error: CUDA out of memory");
        w.WriteString("error_type", "generation");
        w.WriteEndObject();
    }, ct);

    internal static void WriteToken(Utf8JsonWriter w, int index, string text)
    {
        w.WriteStartObject();
        w.WriteNumber("id", 1000 + ((text.Length * 7919 + index * 31) % 30000));
        w.WriteString("text", text);
        w.WriteNumber("logprob", -0.25 - (index % 5 * 0.1));
        w.WriteBoolean("special", false);
        w.WriteEndObject();
    }

    internal static void WriteDetailsBody(Utf8JsonWriter w, SimAnswer answer)
    {
        w.WriteString("finish_reason", answer.Finish == FinishKind.Length ? "length" : "eos_token");
        w.WriteNumber("generated_tokens", answer.CompletionTokens);
        w.WriteNull("seed");
    }

    private void WriteEvent(Utf8JsonWriter w, int index, string text, bool last)
    {
        w.WriteStartObject();
        w.WriteNumber("index", index + 1);
        w.WritePropertyName("token");
        WriteToken(w, index, text);
        if (last)
        {
            w.WriteString("generated_text", answer.Text);
            w.WriteStartObject("details");
            WriteDetailsBody(w, answer);
            w.WriteNumber("input_length", answer.PromptTokens);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("generated_text");
            w.WriteNull("details");
        }
        w.WriteEndObject();
    }
}
