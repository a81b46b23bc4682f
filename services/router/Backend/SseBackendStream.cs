using System.Net.ServerSentEvents;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.Router.Backend;

/// <summary>
/// Reads the adapters' named SSE events (<c>event: NAME</c> / <c>data: JSON</c> / blank line) with the runtime's
/// <see cref="SseParser"/>; each event's JSON is read straight from its UTF-8 bytes.
/// </summary>
internal sealed class SseBackendStream : IBackendStream
{
    private readonly HttpResponseMessage _response;
    private readonly AdapterChatRequest _request;
    private readonly IAsyncEnumerator<SseItem<BackendStreamEvent?>> _events;
    private bool _finished;

    public SseBackendStream(HttpResponseMessage response, Stream body, AdapterChatRequest request)
    {
        _response = response;
        _request = request;
        // The parser binds one token for the whole enumeration, but callers read with their own (the attempt's
        // first-content deadline, then the client's abort): ReadAsync makes each call's token end the read.
        _events = SseParser.Create(body, Parse).EnumerateAsync(CancellationToken.None).GetAsyncEnumerator();
    }

    public async ValueTask<BackendStreamEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        while (!_finished)
        {
            bool more;
            try
            {
                // A cancelled read disposes the response, which aborts the pending socket read; the stream is
                // abandoned afterwards in every caller.
                using (cancellationToken.Register(static response => ((HttpResponseMessage)response!).Dispose(), _response))
                {
                    more = await _events.MoveNextAsync();
                }
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                _finished = true;
                throw new OperationCanceledException(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException)
            {
                _finished = true;
                return BackendStreamEvent.ForError(DaprCompletionBackend.Transport(
                    _request, ErrorClass.StreamInterrupted, "The provider stream broke off."));
            }
            if (!more)
            {
                _finished = true;
                return null;
            }
            if (_events.Current.Data is { } parsed)
            {
                _finished = parsed is BackendStreamEvent.Done or BackendStreamEvent.Error;
                return parsed;
            }
        }
        return null;
    }

    /// <summary>One event; null for an event name this router does not know (skipped, as an SSE client does).</summary>
    private BackendStreamEvent? Parse(string eventType, ReadOnlySpan<byte> data)
    {
        try
        {
            return eventType switch
            {
                // An event without a name is SSE's default type "message": the adapters' chunk.
                AdapterStreamEvents.Chunk or SseParser.EventTypeDefault =>
                    JsonSerializer.Deserialize(data, ContractsJsonContext.Default.ChatCompletionChunk) is { } chunk
                        ? BackendStreamEvent.ForChunk(chunk) : null,
                AdapterStreamEvents.Usage => JsonSerializer.Deserialize(data, ContractsJsonContext.Default.AdapterUsageReport) is { } usage
                    ? BackendStreamEvent.ForUsage(usage) : null,
                AdapterStreamEvents.Error => BackendStreamEvent.ForError(
                    JsonSerializer.Deserialize(data, ContractsJsonContext.Default.AdapterError) ?? UnreadableError()),
                AdapterStreamEvents.Done => BackendStreamEvent.DoneEvent,
                _ => null,
            };
        }
        catch (JsonException)
        {
            return BackendStreamEvent.ForError(UnreadableError());
        }
    }

    private AdapterError UnreadableError() =>
        DaprCompletionBackend.Transport(_request, ErrorClass.UpstreamError, "provider-adapters sent an unreadable stream event.");

    public async ValueTask DisposeAsync()
    {
        await _events.DisposeAsync();
        _response.Dispose();
    }
}
