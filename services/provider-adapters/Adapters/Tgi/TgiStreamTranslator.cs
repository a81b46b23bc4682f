using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Errors;
using Dapr.AiProvider.ProviderAdapters.Streaming;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Tgi;

/// <summary>
/// TGI <c>/generate_stream</c>: <c>data: {"token":{…},"generated_text":null,"details":null}</c> per token; the
/// last frame carries <c>generated_text</c> and <c>details</c> (the terminator). Special tokens are not
/// relayed; <c>data: {"error","error_type"}</c> is an in-band error.
/// </summary>
internal sealed class TgiStreamTranslator(UpstreamCall call) : StreamTranslator
{
    private readonly ChunkFactory _chunks = new("tgi-" + call.RequestId, call.Model.Model, call.Created);
    private bool _started;

    public override void Translate(SseEvent sseEvent, List<ChatCompletionChunk> output)
    {
        if (sseEvent.Data.Length == 0)
        {
            return;
        }
        var frame = JsonSerializer.Deserialize(sseEvent.Data, TgiJsonContext.Default.TgiResponse);
        if (frame is null)
        {
            return;
        }
        if (frame.Error is not null)
        {
            InBandError = ErrorBody.Safe(frame.ErrorType is null ? frame.Error : $"{frame.ErrorType}: {frame.Error}", "in-band stream error");
            return;
        }
        if (!_started)
        {
            _started = true;
            output.Add(_chunks.Role());
        }
        if (frame.Token is { Special: false, Text.Length: > 0 } token)
        {
            output.Add(_chunks.Text(token.Text));
        }
        if (frame.Details is not null || frame.GeneratedText is not null)
        {
            Usage = TgiFamily.Normalise(frame.Details);
            FinishReason = FinishReasons.FromTgi(frame.Details?.FinishReason);
            output.Add(_chunks.Finish(FinishReason));
            Completed = true;
        }
    }
}
