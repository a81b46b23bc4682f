using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.OpenAi;

/// <summary>
/// OpenAI chat completion chunks: a role chunk, one chunk per piece, a finish chunk, the usage chunk
/// (<c>choices: []</c>, or <c>null</c> as some vLLM versions send it, fault <c>usage_choices_null</c>) when
/// <c>stream_options.include_usage</c> is set,
/// then <c>data: [DONE]</c>.
/// </summary>
internal sealed class OpenAiChatStream(
    HttpResponse response, IOpenAiFlavor flavor, ChatPrompt prompt, SimAnswer answer, string id, long created, bool usageChoicesNull)
    : IChatStream
{
    private readonly SseWriter _sse = new(response);

    public string ContentType => "text/event-stream; charset=utf-8";

    public Task PreludeAsync(CancellationToken ct) => _sse.EventAsync(null, w =>
    {
        Head(w);
        w.WriteStartObject("delta");
        w.WriteString("role", "assistant");
        if (answer.ToolCall is { } call)
        {
            w.WriteNull("content");
            w.WriteStartArray("tool_calls");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteString("id", call.Id);
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            w.WriteString("name", call.Name);
            w.WriteString("arguments", "");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        else
        {
            w.WriteString("content", "");
        }
        w.WriteNull("refusal");
        w.WriteEndObject();
        Tail(w, null);
    }, ct);

    public Task PieceAsync(int index, string piece, CancellationToken ct) => _sse.EventAsync(null, w =>
    {
        Head(w);
        w.WriteStartObject("delta");
        if (answer.ToolCall is not null)
        {
            w.WriteStartArray("tool_calls");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("function");
            w.WriteString("arguments", piece);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        else
        {
            w.WriteString("content", piece);
        }
        w.WriteEndObject();
        Tail(w, null);
    }, ct);

    public async Task FinishAsync(CancellationToken ct)
    {
        await _sse.EventAsync(null, w =>
        {
            Head(w);
            w.WriteStartObject("delta");
            w.WriteEndObject();
            Tail(w, OpenAiWire.FinishReason(answer.Finish));
        }, ct);
        if (prompt.IncludeUsage)
        {
            await _sse.EventAsync(null, w =>
            {
                OpenAiWire.WriteChunkHead(w, id, created, prompt.Model);
                if (usageChoicesNull)
                {
                    w.WriteNull("choices");
                }
                else
                {
                    w.WriteStartArray("choices");
                    w.WriteEndArray();
                }
                OpenAiWire.WriteUsage(w, answer);
                w.WriteEndObject();
            }, ct);
        }
        await _sse.RawAsync("data: [DONE]\n\n", ct);
    }

    public Task InBandErrorAsync(FaultContext context, CancellationToken ct) =>
        _sse.EventAsync(null, w =>
        {
            w.WriteStartObject();
            flavor.WriteInBandError(w, context);
            w.WriteEndObject();
        }, ct);

    private void Head(System.Text.Json.Utf8JsonWriter w)
    {
        OpenAiWire.WriteChunkHead(w, id, created, prompt.Model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
    }

    private void Tail(System.Text.Json.Utf8JsonWriter w, string? finish)
    {
        w.WriteNull("logprobs");
        if (finish is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finish);
        }
        w.WriteEndObject();
        w.WriteEndArray();
        if (prompt.IncludeUsage)
        {
            w.WriteNull("usage");
        }
        w.WriteEndObject();
    }
}
