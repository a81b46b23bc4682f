using System.Diagnostics;
using System.Net.Sockets;

namespace Dapr.AiProvider.LocalDapr.Benchmark;

/// <summary>Closed-loop load: <c>concurrency</c> workers issue GETs back to back for the duration; latencies recorded per request.</summary>
internal static class LoadRunner
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        MaxConnectionsPerServer = 256,
    });

    private static readonly Dictionary<string, HttpClient> SocketClients = [];

    /// <summary><paramref name="socket"/>: connect to that Unix domain socket instead of the URL's host and port.</summary>
    public static async Task<LoadResult> RunAsync(string url, int concurrency, TimeSpan duration, CancellationToken ct, string? socket = null)
    {
        var client = socket is null ? Client : SocketClient(socket);
        var stop = Stopwatch.StartNew();
        var workers = new Task<List<long>>[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                var samples = new List<long>(100_000);
                while (stop.Elapsed < duration)
                {
                    var start = Stopwatch.GetTimestamp();
                    using var response = await client.GetAsync(url, ct);
                    await response.Content.LoadIntoBufferAsync(ct);
                    response.EnsureSuccessStatusCode();
                    samples.Add(Stopwatch.GetTimestamp() - start);
                }
                return samples;
            }, ct);
        }
        var all = (await Task.WhenAll(workers)).SelectMany(s => s).Order().ToArray();
        var elapsed = stop.Elapsed;
        double Ms(double q) => all.Length == 0 ? 0 : all[(int)Math.Min(all.Length - 1, q * all.Length)] * 1000.0 / Stopwatch.Frequency;
        return new LoadResult("", concurrency, all.Length, all.Length / elapsed.TotalSeconds, Ms(0.50), Ms(0.99));
    }

    /// <summary>One long-lived client per Unix domain socket path, whatever host the request names.</summary>
    public static HttpClient SocketClient(string path)
    {
        if (!SocketClients.TryGetValue(path, out var client))
        {
            SocketClients[path] = client = new HttpClient(new SocketsHttpHandler
            {
                UseProxy = false,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                MaxConnectionsPerServer = 256,
                ConnectCallback = async (_, token) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), token);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            });
        }
        return client;
    }
}

internal sealed record LoadResult(string Name, int Concurrency, int Requests, double PerSecond, double P50Ms, double P99Ms, double SidecarCpuMicros = 0, double ClientAndAppCpuMicros = 0);
