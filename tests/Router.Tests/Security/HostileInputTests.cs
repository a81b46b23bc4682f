using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Router.Tests.Api;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>
/// Issue #19.8: hostile input sent over real sockets (Kestrel) while a well-behaved client keeps calling. Each hostile
/// request gets its exact 4xx in the client's dialect, and every normal request is answered 200 throughout.
/// </summary>
public class HostileInputTests
{
    private const string Hello = """{"model":"auto","messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task HostileRequests_UnderLoad_EachGetsItsClear4xx_AndEveryNormalRequestIs200()
    {
        using var factory = new RouterFactory();
        factory.Settings["Router:MaxRequestBytes"] = (4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Router:Limits:HeadersTimeoutSeconds"] = "1";
        factory.Settings["Router:Limits:MinBodyBytesPerSecond"] = "100";
        factory.Settings["Router:Limits:MinBodyRateGraceSeconds"] = "2";
        factory.UseKestrel(0);
        factory.StartServer();
        using var normal = factory.Authed();
        var endpoint = new DnsEndPoint(normal.BaseAddress!.Host, normal.BaseAddress.Port);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var normalStatuses = new ConcurrentQueue<HttpStatusCode>();
        var load = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await normal.PostAsync("/v1/chat/completions", Json(Hello));
                normalStatuses.Enqueue(response.StatusCode);
            }
        })).ToArray();

        var hostile = new (string Name, Task<(int Status, string Body)> Answer)[]
        {
            ("slow headers", SlowHeadersAsync(endpoint)),
            ("slow body", SlowBodyAsync(endpoint)),
            ("huge headers", TrickleAsync(endpoint, Encoding.ASCII.GetBytes($"GET /v1/models HTTP/1.1\r\nHost: {endpoint.Host}\r\n" +
                $"Authorization: Bearer {RouterFactory.Key}\r\nx-padding: {new string('a', 40_000)}\r\n\r\n"), [])),
            ("deep nesting", SendAsync(factory, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"metadata\":"
                + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200) + "}")),
            ("invalid utf-8", SendBytesAsync(factory, [.. "{\"messages\":[{\"role\":\"user\",\"content\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}]}"u8])),
            ("thousands of messages", SendAsync(factory, JsonSerializer.Serialize(new
            {
                messages = Enumerable.Range(0, 5000).Select(i => new { role = "user", content = "m" + i }),
            }))),
            ("too many tools", SendAsync(factory, Tools(count: 500, descriptionLength: 10))),
            ("enormous tool schema", SendAsync(factory, Tools(count: 100, descriptionLength: 5_000))),
            // Announced, not sent: the refusal must come from the announcement, before any of the body is read.
            ("body over the limit", AnnouncedBodyAsync(endpoint, 5 * 1024 * 1024)),
        };
        var answers = new Dictionary<string, (int Status, string Body)>();
        foreach (var (name, answer) in hostile)
        {
            answers[name] = await answer.WaitAsync(TimeSpan.FromSeconds(30));
        }
        await stop.CancelAsync();
        await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(408, answers["slow headers"].Status);
        Assert.Equal(408, answers["slow body"].Status);
        Assert.Equal(431, answers["huge headers"].Status);
        AssertOpenAiError(answers["deep nesting"], 400, "invalid_json");
        AssertOpenAiError(answers["invalid utf-8"], 400, "invalid_json");
        AssertOpenAiError(answers["thousands of messages"], 400, "array_above_max_length");
        AssertOpenAiError(answers["too many tools"], 400, "array_above_max_length");
        AssertOpenAiError(answers["enormous tool schema"], 413, "tools_too_large");
        Assert.Equal(413, answers["body over the limit"].Status); // the raw answer (headers, perhaps chunked): its code is in it
        Assert.Contains("\"code\":\"request_too_large\"", answers["body over the limit"].Body, StringComparison.Ordinal);
        Assert.True(normalStatuses.Count >= 10, $"only {normalStatuses.Count} normal requests were answered");
        Assert.All(normalStatuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.True(factory.Backend.Calls.Count == normalStatuses.Count, "a hostile request reached a provider");
    }

    private static void AssertOpenAiError((int Status, string Body) answer, int status, string code)
    {
        Assert.True(answer.Status == status, $"{answer.Status}: {answer.Body[..Math.Min(answer.Body.Length, 300)]}");
        using var body = JsonDocument.Parse(answer.Body);
        Assert.Equal(code, body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("   at ", answer.Body, StringComparison.Ordinal);
    }

    private static string Tools(int count, int descriptionLength) => JsonSerializer.Serialize(new
    {
        messages = new[] { new { role = "user", content = "hi" } },
        tools = Enumerable.Range(0, count).Select(i => new
        {
            type = "function",
            function = new { name = "f" + i, description = new string('d', descriptionLength), parameters = new { type = "object" } },
        }),
    });

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Task<(int, string)> SendAsync(RouterFactory factory, string body) => SendContentAsync(factory, Json(body));

    private static Task<(int, string)> SendBytesAsync(RouterFactory factory, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return SendContentAsync(factory, content);
    }

    /// <summary>A fresh connection per hostile request: Kestrel closes a connection it refused.</summary>
    private static async Task<(int, string)> SendContentAsync(RouterFactory factory, HttpContent content)
    {
        using var client = factory.Authed();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        // The body waits for the server's go-ahead, so a refusal is read rather than lost to a reset upload.
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Request headers a byte every 200 ms: Kestrel's RequestHeadersTimeout answers 408 and closes.</summary>
    private static Task<(int, string)> SlowHeadersAsync(DnsEndPoint endpoint) => TrickleAsync(endpoint, [],
        Encoding.ASCII.GetBytes($"POST /v1/chat/completions HTTP/1.1\r\nHost: {endpoint.Host}\r\nAuthorization: Bearer {RouterFactory.Key}\r\nx-slow: {new string('s', 100)}\r\n\r\n"));

    /// <summary>Headers at once, then the body a byte every 200 ms: below MinRequestBodyDataRate, so 408.</summary>
    private static Task<(int, string)> SlowBodyAsync(DnsEndPoint endpoint)
    {
        var body = Encoding.UTF8.GetBytes(Hello + new string(' ', 400));
        var head = Encoding.ASCII.GetBytes($"POST /v1/chat/completions HTTP/1.1\r\nHost: {endpoint.Host}\r\nAuthorization: Bearer {RouterFactory.Key}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
        return TrickleAsync(endpoint, head, body);
    }

    /// <summary>Headers announcing a body of <paramref name="length"/> bytes, then nothing (and <c>Connection: close</c>, so the answer ends with the connection).</summary>
    private static Task<(int, string)> AnnouncedBodyAsync(DnsEndPoint endpoint, int length) => TrickleAsync(endpoint,
        Encoding.ASCII.GetBytes($"POST /v1/chat/completions HTTP/1.1\r\nHost: {endpoint.Host}\r\nAuthorization: Bearer {RouterFactory.Key}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"), []);

    private static async Task<(int, string)> TrickleAsync(DnsEndPoint endpoint, byte[] atOnce, byte[] trickled)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint.Host, endpoint.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(atOnce);
        var reading = ReadAllAsync(stream);
        foreach (var b in trickled)
        {
            if (reading.IsCompleted)
            {
                break;
            }
            try
            {
                await stream.WriteAsync(new[] { b });
            }
            catch (IOException)
            {
                break; // the server closed the connection
            }
            await Task.WhenAny(reading, Task.Delay(200));
        }
        var text = await reading.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal), $"no HTTP answer before the close: '{text}'");
        return (int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture), text);
    }

    private static async Task<string> ReadAllAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // a reset after the answer: what was received counts
        }
        return Encoding.ASCII.GetString(received.ToArray());
    }
}
