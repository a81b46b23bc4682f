using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.Router.Backend;

/// <summary>Reads the adapters' named SSE events (<c>event: NAME</c> / <c>data: JSON</c> / blank line).</summary>
internal sealed class SseBackendStream(HttpResponseMessage response, Stream body, AdapterChatRequest request) : IBackendStream
{
    private readonly StreamReader _reader = new(body);
    private bool _finished;

    public async ValueTask<BackendStreamEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return null;
        }
        string? eventName = null;
        string? data = null;
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                _finished = true;
                return BackendStreamEvent.ForError(DaprCompletionBackend.Transport(
                    request, ErrorClass.StreamInterrupted, "The provider stream broke off."));
            }
            if (line is null)
            {
                _finished = true;
                return null;
            }
            if (line.Length == 0)
            {
                if (eventName is null && data is null)
                {
                    continue;
                }
                var parsed = Parse(eventName ?? AdapterStreamEvents.Chunk, data ?? "{}");
                if (parsed is not null)
                {
                    if (parsed is BackendStreamEvent.Done or BackendStreamEvent.Error)
                    {
                        _finished = true;
                    }
                    return parsed;
                }
                eventName = null;
                data = null;
                continue;
            }
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventName = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                var value = line[5..].TrimStart();
                data = data is null ? value : data + "\n" + value;
            }
        }
    }

    private BackendStreamEvent? Parse(string eventName, string data)
    {
        try
        {
            return eventName switch
            {
                AdapterStreamEvents.Chunk => JsonSerializer.Deserialize(data, ContractsJsonContext.Default.ChatCompletionChunk) is { } chunk
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
        DaprCompletionBackend.Transport(request, ErrorClass.UpstreamError, "provider-adapters sent an unreadable stream event.");

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
