using System.Collections.Concurrent;
using System.Net;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Observability.Tests.EndToEnd;

/// <summary>
/// A local HTTP endpoint the stack's processes call out to (an OTLP collector, an operator's webhook). It takes every
/// request under <c>http://127.0.0.1:{port}{path}</c>, keeps what <paramref name="read"/> makes of it (in arrival
/// order) and answers each with <paramref name="status"/>.
/// </summary>
/// <param name="read">What a request carries: its path and headers, and its whole body.</param>
public sealed class HttpReceiver<T> : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<T> _received = new();
    private readonly Func<HttpListenerRequest, byte[], IEnumerable<T>> _read;
    private readonly int _status;
    private readonly string? _contentType;
    private readonly Task _loop;

    public HttpReceiver(string path, int status, string? contentType, Func<HttpListenerRequest, byte[], IEnumerable<T>> read)
    {
        _read = read;
        _status = status;
        _contentType = contentType;
        Port = FreePort.Next();
        Url = $"http://127.0.0.1:{Port}{path}";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string Url { get; }
    public IReadOnlyCollection<T> Received => _received;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try { await _loop; } catch (HttpListenerException) { } catch (ObjectDisposedException) { }
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            foreach (var item in _read(context.Request, body.ToArray()))
            {
                _received.Enqueue(item);
            }
            context.Response.StatusCode = _status;
            if (_contentType is not null)
            {
                context.Response.ContentType = _contentType;
            }
            context.Response.Close();
        }
    }
}
