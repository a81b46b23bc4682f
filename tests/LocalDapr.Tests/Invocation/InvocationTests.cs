using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapr.Client;

namespace Dapr.AiProvider.LocalDapr.Tests.Invocation;

/// <summary>Service invocation through two sidecars: verbatim answers, streaming, headers, errors.</summary>
[Trait("Category", "Process")]
public sealed class InvocationTests(InvocationFixture fixture) : IClassFixture<InvocationFixture>
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task Invoke_Post_ReturnsCalleeStatusHeadersAndBodyVerbatim()
    {
        using var content = new StringContent("""{"hello":"world"}""", Encoding.UTF8, "application/json");

        using var response = await _http.PostAsync("v1.0/invoke/callee/method/echo", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("X-Echo").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"hello":"world"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invoke_NonSuccessStatus_PassedThroughUnchanged()
    {
        using var response = await _http.GetAsync("v1.0/invoke/callee/method/status/418");

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("custom body", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invoke_Sse_FirstEventArrivesBeforeAppFinishes()
    {
        var id = Guid.NewGuid().ToString("N");
        var gate = CalleeApp.Gates[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"v1.0/invoke/callee/method/sse?id={id}");
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

            var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(gate.Task.IsCompleted);
            gate.SetResult();
            var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("data: first", first);
            Assert.Contains("data: second", rest);
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    [Fact]
    public async Task Invoke_Headers_ForwardedWithCallerCalleeTraceAndAppToken_HopByHopDropped()
    {
        const string trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1.0/invoke/callee/method/headers/x?a=1&b=two%20words");
        request.Headers.Add("X-Custom", "kept");
        request.Headers.Add("traceparent", trace);
        request.Headers.Add("dapr-caller-app-id", "spoofed");
        request.Headers.Add("Proxy-Authorization", "Basic Zm9vOmJhcg==");
        request.Headers.Add("dapr-api-token", "not-for-the-app");

        using var response = await _http.SendAsync(request);
        var body = CalleeApp.Json(await response.Content.ReadAsStringAsync());
        var headers = body.GetProperty("headers");

        Assert.Equal("kept", headers.GetProperty("x-custom").GetString());
        Assert.Equal("caller", headers.GetProperty("dapr-caller-app-id").GetString());
        Assert.Equal("callee", headers.GetProperty("dapr-callee-app-id").GetString());
        Assert.Equal(trace, headers.GetProperty("traceparent").GetString());
        Assert.False(headers.TryGetProperty("dapr-app-id", out _));
        Assert.Equal(InvocationFixture.AppToken, headers.GetProperty("dapr-api-token").GetString());
        Assert.False(headers.TryGetProperty("proxy-authorization", out _));
        Assert.Equal("/headers/x", body.GetProperty("path").GetString());
        Assert.Equal("?a=1&b=two%20words", body.GetProperty("query").GetString());
    }

    [Fact]
    public async Task Invoke_DaprAppIdHeader_RoutesWholePathToCallee()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "headers/by-header?q=1");
        request.Headers.Add("dapr-app-id", "callee");

        using var response = await _http.SendAsync(request);
        var body = CalleeApp.Json(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/headers/by-header", body.GetProperty("path").GetString());
        Assert.Equal("POST", body.GetProperty("method").GetString());
        Assert.False(body.GetProperty("headers").TryGetProperty("dapr-app-id", out _));
    }

    [Fact]
    public async Task Invoke_UnknownAppId_Returns500ErrDirectInvoke()
    {
        using var response = await _http.GetAsync("v1.0/invoke/nobody/method/anything");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = CalleeApp.Json(await response.Content.ReadAsStringAsync());
        Assert.Equal("ERR_DIRECT_INVOKE", error.GetProperty("errorCode").GetString());
        Assert.StartsWith("failed to invoke, id: nobody, err: ", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Invoke_OwnAppId_CallsOwnAppDirectly()
    {
        using var response = await fixture.Callee.CreateHttpClient().GetAsync("v1.0/invoke/callee/method/headers/self");
        var headers = CalleeApp.Json(await response.Content.ReadAsStringAsync()).GetProperty("headers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("callee", headers.GetProperty("dapr-caller-app-id").GetString());
        Assert.Equal("callee", headers.GetProperty("dapr-callee-app-id").GetString());
    }

    [Fact]
    public async Task InternalRoute_WithoutMeshToken_Returns403()
    {
        using var response = await fixture.Callee.CreateHttpClient().GetAsync("_localdapr/invoke/whoami");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task InvokeHttpClient_FromDaprSdk_ReachesCallee()
    {
        using var client = DaprClient.CreateInvokeHttpClient("callee", fixture.Caller.HttpEndpoint);

        var instance = await client.GetStringAsync("whoami");

        Assert.Equal("only", instance);
    }

    [Fact]
    public async Task Invoke_ChunkedRequestBody_StreamedToCallee()
    {
        using var content = new PushStreamContent("chunk-1|chunk-2");
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");

        using var response = await _http.PostAsync("v1.0/invoke/callee/method/echo", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("chunk-1|chunk-2", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Content without a length, so HttpClient sends it chunked.</summary>
    private sealed class PushStreamContent(string text) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            foreach (var part in text.Split('|'))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(part == text.Split('|')[0] ? part + "|" : part));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
