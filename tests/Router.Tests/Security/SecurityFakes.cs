using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Dapr.AiProvider.Router.Auth;
using Microsoft.Extensions.Logging;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>The quota key API in memory: presented key → record; counts verifications; records last-used batches.</summary>
internal sealed class FakeKeyDirectory : IKeyDirectory
{
    private readonly ConcurrentDictionary<string, KeyRecord> _keys = new(StringComparer.Ordinal);
    private int _verifications;

    public bool Down { get; set; }
    public int Verifications => Volatile.Read(ref _verifications);
    public ConcurrentQueue<string> Touched { get; } = new();

    public string Add(string role, string[]? allowedModels = null, int? rpm = null, string? id = null, string? team = null, int? tpm = null)
    {
        var key = "aip_" + Guid.NewGuid().ToString("N")[..8] + "_" + Guid.NewGuid().ToString("N");
        _keys[key] = new KeyRecord { Id = id ?? "key_" + Guid.NewGuid().ToString("N")[..8], Role = role, AllowedModels = allowedModels ?? [], RequestsPerMinute = rpm, TokensPerMinute = tpm, Team = team };
        return key;
    }

    public void Revoke(string key) => _keys[key] = _keys[key] with { Revoked = true };

    public string IdOf(string key) => _keys[key].Id;

    public Task<KeyLookup> VerifyAsync(string presentedKey, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _verifications);
        if (Down)
        {
            return Task.FromResult(KeyLookup.Down);
        }
        return Task.FromResult(_keys.TryGetValue(presentedKey, out var record) ? new KeyLookup(record, false) : KeyLookup.NotFound);
    }

    public Task TouchAsync(IReadOnlyList<string> ids, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            Touched.Enqueue(id);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Stands in for quota behind the sidecar: records requests, answers 200 with a small JSON body.</summary>
public sealed class FakeQuotaHandler : HttpMessageHandler
{
    public ConcurrentQueue<(string Method, string Path, string Body)> Requests { get; } = new();

    /// <summary>An answer of the test's own for some requests (null: the default below).</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? Answer { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.Method.Method, request.RequestUri!.PathAndQuery, body));
        if (Answer?.Invoke(request) is { } answer)
        {
            return answer;
        }
        var status = request.Method == HttpMethod.Delete || request.RequestUri.AbsolutePath.EndsWith("/audit", StringComparison.Ordinal)
            ? HttpStatusCode.NoContent : HttpStatusCode.OK;
        return new HttpResponseMessage(status)
        {
            Content = status == HttpStatusCode.NoContent ? null : new StringContent("""{"ok":true}""", Encoding.UTF8, "application/json"),
        };
    }
}

/// <summary>Keeps every formatted log line (to scan for leaked secrets).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{category} {formatter(state, exception)} {exception}");
    }
}
