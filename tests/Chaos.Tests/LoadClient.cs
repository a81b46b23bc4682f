using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net.Http.Headers;
using System.Text;

namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>
/// Sends chat completions to the router, half of them streamed, and records what each caller saw. Every
/// request gets its own prompt (no cache hits) and a client deadline of the router's deadline plus slack,
/// so a request past it counts as hung.
/// </summary>
internal sealed class LoadClient(Uri router, string key, TimeSpan clientDeadline) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512 })
    {
        BaseAddress = router,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public TimeSpan Now => _clock.Elapsed;

    public async Task<LoadOutcome> SendAsync(int index, bool stream, string simulatorDirective = "", int maxTokens = 48)
    {
        var started = _clock.Elapsed;
        using var deadline = new CancellationTokenSource(clientDeadline);
        var body = $$"""
            {"model":"auto","stream":{{(stream ? "true" : "false")}},"max_tokens":{{maxTokens.ToString(CultureInfo.InvariantCulture)}},
             "messages":[{"role":"user","content":"chaos request {{index.ToString(CultureInfo.InvariantCulture)}} please answer briefly{{simulatorDirective}}"}]}
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        int? status = null;
        string? requestId = null;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            status = (int)response.StatusCode;
            requestId = response.Headers.TryGetValues("x-aiprovider-request-id", out var ids) ? ids.First() : null;
            if (stream && status == 200)
            {
                var (end, error) = await ReadStreamAsync(response, deadline.Token);
                return Outcome(index, stream, started, status, requestId) with { End = end, Error = error };
            }

            var text = await response.Content.ReadAsStringAsync(deadline.Token);
            return Outcome(index, stream, started, status, requestId) with
            {
                End = stream ? StreamEnd.Done : StreamEnd.NotAStream,
                Error = status == 200 ? null : Cut(text),
            };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return Outcome(index, stream, started, status, requestId) with
            {
                Hung = true, End = stream ? StreamEnd.Truncated : StreamEnd.NotAStream, Error = "no answer within the deadline",
            };
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return Outcome(index, stream, started, status, requestId) with { Refused = true, Error = Cut(ex.Message) };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // A transport error after the headers: the connection was reset mid-answer (the client knows it was cut).
            return Outcome(index, stream, started, status, requestId) with
            {
                End = stream ? StreamEnd.Reset : StreamEnd.NotAStream, Error = Cut(ex.Message),
            };
        }
    }

    /// <summary>Reads SSE lines to the end: <c>[DONE]</c>, an error event, or a silent end.</summary>
    private static async Task<(StreamEnd End, string? Error)> ReadStreamAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(body, Encoding.UTF8);
        string? error = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line == "data: [DONE]")
            {
                return (error is null ? StreamEnd.Done : StreamEnd.InBandError, error);
            }

            if (line.StartsWith("data: {\"error\"", StringComparison.Ordinal))
            {
                error = Cut(line);
            }
        }

        return error is null ? (StreamEnd.Truncated, "stream ended without [DONE] or an error event") : (StreamEnd.InBandError, error);
    }

    private LoadOutcome Outcome(int index, bool stream, TimeSpan started, int? status, string? requestId) => new()
    {
        Index = index, Stream = stream, StartedAt = started, Elapsed = _clock.Elapsed - started, Status = status, RequestId = requestId,
    };

    private static string Cut(string text) => text.Length > 240 ? text[..240] + "…" : text;

    public void Dispose() => _http.Dispose();
}
