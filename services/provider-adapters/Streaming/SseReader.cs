using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Dapr.AiProvider.ProviderAdapters.Streaming;

/// <summary>
/// A minimal server-sent-events reader over a response stream (WHATWG rules: <c>event:</c>, <c>data:</c>
/// lines joined with \n, comments and <c>id:</c>/<c>retry:</c> ignored, blank line dispatches). Reads as the
/// bytes arrive — never buffers the whole body. A final event without its blank line is still returned,
/// so callers can see how the stream ended.
/// </summary>
internal sealed class SseReader(Stream stream) : IAsyncDisposable
{
    private readonly PipeReader _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 8192, leaveOpen: true));
    private readonly StringBuilder _data = new();
    private string? _event;
    private bool _hasData;
    private bool _completed;

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async ValueTask<SseEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        while (!_completed)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            SseEvent? dispatched = null;
            while (dispatched is null && TryReadLine(ref buffer, out var line))
            {
                dispatched = ProcessLine(line);
            }
            if (dispatched is not null)
            {
                // Lines may remain in the buffer: mark only what was consumed, so the next read returns them at once.
                _reader.AdvanceTo(buffer.Start);
                return dispatched;
            }
            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                _completed = true;
                if (!buffer.IsEmpty)
                {
                    ProcessLine(Encoding.UTF8.GetString(buffer));
                }
            }
        }
        return Flush();
    }

    public async ValueTask DisposeAsync() => await _reader.CompleteAsync();

    private SseEvent? ProcessLine(string line)
    {
        if (line.Length == 0)
        {
            return Flush();
        }
        if (line[0] == ':')
        {
            return null;
        }
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? "" : line[(colon + 1)..];
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }
        if (field == "event")
        {
            _event = value;
        }
        else if (field == "data")
        {
            if (_hasData)
            {
                _data.Append('\n');
            }
            _data.Append(value);
            _hasData = true;
        }
        return null;
    }

    private SseEvent? Flush()
    {
        if (!_hasData && _event is null)
        {
            return null;
        }
        var result = new SseEvent(_event, _data.ToString());
        _data.Clear();
        _event = null;
        _hasData = false;
        return result;
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out string line)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> raw, (byte)'\n'))
        {
            line = "";
            return false;
        }
        if (!raw.IsEmpty && raw.Slice(raw.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            raw = raw.Slice(0, raw.Length - 1);
        }
        line = Encoding.UTF8.GetString(raw);
        buffer = buffer.Slice(reader.Position);
        return true;
    }
}
