using System.Net;
using System.Net.Sockets;
using System.Text;
using Dapr.AiProvider.Benchmark.Measure;

namespace Dapr.AiProvider.Benchmark.Tests.Measure;

/// <summary>
/// The cache-hit scenario's wrk run against a small server: the Lua script sends the exact body and headers, and an
/// answer counts as a hit only with status 200, the expected header value and a body ending in <c>}</c>.
/// wrk is installed by scripts/infra.sh with the other test tools.
/// </summary>
public sealed class WrkLoadTests
{
    // Quotes, a backslash, a newline, a tab and non-ASCII text: what the Lua string must carry unchanged.
    private const string Body = "{\"content\":\"say \\\"hi\\\"\\n\\tplease\",\"raw\":\"line\nbreak\",\"accent\":\"é ü 漢\"}";

    [Theory]
    [InlineData("/hit", true)] // 200, HIT, a JSON object
    [InlineData("/miss", false)] // the header says MISS
    [InlineData("/error", false)] // 500 with the HIT header
    [InlineData("/cut", false)] // 200 HIT, but the body does not end the object
    public async Task RunAsync_CountsOnlyCheckedAnswersAsHits(string path, bool hits)
    {
        var wrk = WrkLoad.Find();
        Assert.True(wrk is not null, "wrk is not on PATH (scripts/infra.sh installs it with the test tools)");
        using var server = new Server();

        var result = await WrkLoad.RunAsync(wrk, new Uri(server.Url, path), Body,
            new Dictionary<string, string> { ["Content-Type"] = "application/json; charset=utf-8", ["Authorization"] = "Bearer k\"ey" },
            "x-check", "HIT", connections: 2, threads: 1, seconds: 1, CancellationToken.None);

        Assert.True(server.Answered > 0);
        Assert.Equal(0, server.WrongRequests);
        if (hits)
        {
            Assert.True(result.Run.Count > 0);
            Assert.Equal(0, result.Run.Errors);
        }
        else
        {
            Assert.Equal(0, result.Run.Count);
            Assert.True(result.Run.Errors > 0);
        }
        Assert.True(result.CpuMicroseconds > 0);
        Assert.True(result.Run.P50 > 0 && result.Run.P50 <= result.Run.Max);
    }

    [Fact]
    public async Task RunAsync_ATemplateBody_SendsEveryRequestItsOwnText_AndNoHeaderCheckPassesOkAnswers()
    {
        var wrk = WrkLoad.Find();
        Assert.True(wrk is not null, "wrk is not on PATH (scripts/infra.sh installs it with the test tools)");
        const string Before = "{\"content\":\"request \\\"", After = "\\\" é\"}";
        using var server = new Server(body => body.StartsWith(Before, StringComparison.Ordinal) && body.EndsWith(After, StringComparison.Ordinal)
            && System.Text.RegularExpressions.Regex.IsMatch(body[Before.Length..^After.Length], "^t[12]-[0-9]+$"));

        var result = await WrkLoad.RunAsync(wrk, new Uri(server.Url, "/hit"), Before + WrkLoad.Counter + After,
            new Dictionary<string, string> { ["Content-Type"] = "application/json; charset=utf-8", ["Authorization"] = "Bearer k\"ey" },
            checkedHeader: null, expectedValue: null, connections: 4, threads: 2, seconds: 1, CancellationToken.None);

        Assert.True(server.Answered > 10);
        Assert.Equal(0, server.WrongRequests);
        Assert.Equal(server.Answered, server.Bodies.Distinct().Count()); // wrk's two threads, each counting its own
        Assert.Equal(2, server.Bodies.Select(b => b[Before.Length..^After.Length].Split('-')[0]).Distinct().Count());
        Assert.True(result.Run.Count > 0);
        Assert.Equal(0, result.Run.Errors);
    }

    [Fact]
    public void Parse_TheDoneLine_GivesHitsErrorsAndMilliseconds()
    {
        var result = WrkLoad.Parse("Running 3s test\nwrk-figures requests=1000 duration_us=2000000 wrong=3 socket_errors=2 p50_us=1500 p90_us=2500 p99_us=4000 max_us=9000 cpu_us=123456\n");

        Assert.NotNull(result);
        Assert.Equal(997, result.Run.Count);
        Assert.Equal(5, result.Run.Errors);
        Assert.Equal(498.5, result.Run.PerSecond);
        Assert.Equal((1.5, 2.5, 4.0, 9.0), (result.Run.P50, result.Run.P90, result.Run.P99, result.Run.Max));
        Assert.Equal(123456, result.CpuMicroseconds);
        Assert.Null(WrkLoad.Parse("unable to connect to 127.0.0.1:1 Connection refused\n"));
    }

    /// <summary>Answers by path; counts requests whose body or headers are not what the script should send.</summary>
    private sealed class Server : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Func<string, bool> _bodyIsRight;
        private int _answered;
        private int _wrong;

        public Server(Func<string, bool>? bodyIsRight = null)
        {
            _bodyIsRight = bodyIsRight ?? (body => body == Body);
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
            }
            _listener.Prefixes.Add(Url.ToString());
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public Uri Url { get; }

        public int Answered => Volatile.Read(ref _answered);

        public int WrongRequests => Volatile.Read(ref _wrong);

        public System.Collections.Concurrent.ConcurrentBag<string> Bodies { get; } = [];

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                _ = Task.Run(() => AnswerAsync(context));
            }
        }

        private async Task AnswerAsync(HttpListenerContext context)
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            Bodies.Add(body);
            if (context.Request.HttpMethod != "POST" || !_bodyIsRight(body) || context.Request.Headers["Authorization"] != "Bearer k\"ey"
                || context.Request.ContentType != "application/json; charset=utf-8")
            {
                Interlocked.Increment(ref _wrong);
            }
            var path = context.Request.Url!.AbsolutePath;
            context.Response.StatusCode = path == "/error" ? 500 : 200;
            context.Response.Headers["x-check"] = path == "/miss" ? "MISS" : "HIT";
            var answer = Encoding.UTF8.GetBytes(path == "/cut" ? "{\"id\":1" : "{\"id\":1}");
            context.Response.ContentLength64 = answer.Length;
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
            Interlocked.Increment(ref _answered);
        }

        public void Dispose() => _listener.Close();
    }
}
