using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.Gemini;

/// <summary>
/// streamGenerateContent: with <c>alt=sse</c> one <c>data:</c> frame per piece and no <c>[DONE]</c>
/// (the last frame has finishReason and the full usageMetadata); without it, a JSON array of the
/// same objects. Function calls arrive whole in the last frame.
/// </summary>
internal sealed class GeminiStream(HttpResponse response, string model, SimAnswer answer, bool sse) : IChatStream
{
    private readonly SseWriter _writer = new(response);
    private readonly string _responseId = GeminiWire.NewResponseId();
    private string? _pending;
    private bool _first = true;

    public string ContentType => sse ? "text/event-stream" : "application/json; charset=UTF-8";

    public Task PreludeAsync(CancellationToken ct) => sse ? Task.CompletedTask : _writer.RawAsync("[", ct);

    public async Task PieceAsync(int index, string piece, CancellationToken ct)
    {
        if (answer.ToolCall is not null)
        {
            return;
        }
        if (_pending is { } previous)
        {
            await FrameAsync(previous, final: false, ct);
        }
        _pending = piece;
    }

    public async Task FinishAsync(CancellationToken ct)
    {
        var text = answer.ToolCall is not null || answer.Finish == FinishKind.ContentFilter ? null : _pending ?? "";
        if (answer.Finish == FinishKind.ContentFilter && _pending is { } last)
        {
            await FrameAsync(last, final: false, ct);
        }
        await FrameAsync(text, final: true, ct);
        if (!sse)
        {
            await _writer.RawAsync("]", ct);
        }
    }

    public Task InBandErrorAsync(FaultContext context, CancellationToken ct) => sse
        ? _writer.EventAsync(null, w =>
        {
            w.WriteStartObject();
            GeminiErrors.WriteOverloaded(w);
            w.WriteEndObject();
        }, ct)
        : _writer.JsonAsync("", w =>
        {
            w.WriteStartObject();
            GeminiErrors.WriteOverloaded(w);
            w.WriteEndObject();
        }, "]", ct);

    private Task FrameAsync(string? text, bool final, CancellationToken ct)
    {
        var withCall = final && answer.ToolCall is not null;
        if (sse)
        {
            return _writer.EventAsync(null, w => GeminiWire.WriteResponse(w, model, _responseId, answer, text, withCall, final), ct);
        }
        var prefix = _first ? "" : ",\r\n";
        _first = false;
        return _writer.JsonAsync(prefix, w => GeminiWire.WriteResponse(w, model, _responseId, answer, text, withCall, final), "", ct);
    }
}
