using System.Collections.Concurrent;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.TestInfrastructure;
using Dapr.AiProvider.Router.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dapr.AiProvider.Router.Tests.Backend;

/// <summary>
/// A real HTTP server (Kestrel on a free port) speaking the provider-adapters protocol, with behaviour
/// chosen by the requested model: ok, limited (424), redirect (307), not-sent (202, a request whose window lease ended), boom (500), sidecar-down and sidecar-timeout (daprd's
/// ERR_DIRECT_INVOKE), stream-ok, stream-cut, stream-error.
/// </summary>
public sealed class FakeAdaptersServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeAdaptersServer(WebApplication app, int port, ConcurrentQueue<ReceivedFraming> received)
    {
        _app = app;
        Port = port;
        Received = received;
    }

    public int Port { get; }

    /// <summary>How each request body arrived on the wire, as the sidecar would see it.</summary>
    public ConcurrentQueue<ReceivedFraming> Received { get; }
    public Uri InvokeBase => new($"http://127.0.0.1:{Port}/v1.0/invoke/provider-adapters/method/");

    public static async Task<FakeAdaptersServer> StartAsync(string prefix = "/v1.0/invoke/provider-adapters/method")
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var received = new ConcurrentQueue<ReceivedFraming>();
        app.Use((context, next) =>
        {
            received.Enqueue(new ReceivedFraming(context.Request.Path.Value ?? "", context.Request.ContentLength, context.Request.Headers.TransferEncoding.ToString()));
            return next(context);
        });
        app.MapGet(prefix + "/" + AdapterRoutes.Catalog, () => Results.Json(TestCatalog.Default(), ContractsJsonContext.Default.ModelCatalog));
        app.MapPost(prefix + "/" + AdapterRoutes.Chat, (Delegate)ChatAsync);
        app.MapPost(prefix + "/" + AdapterRoutes.ChatStream, StreamAsync);
        app.MapGet("/healthz", () => Results.Ok());
        await app.StartAsync();
        return new FakeAdaptersServer(app, port, received);
    }

    private static async Task<IResult> ChatAsync(HttpContext context)
    {
        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, ContractsJsonContext.Default.AdapterChatRequest);
        return request!.Model switch
        {
            "limited" => Results.Json(FakeBackend.Error(request, ErrorClass.RateLimited, DateTimeOffset.UtcNow.AddSeconds(30)),
                ContractsJsonContext.Default.AdapterError, statusCode: AdapterRoutes.AdapterErrorStatus),
            "not-sent" => Results.Json(FakeBackend.Error(request, ErrorClass.WindowLeaseEnded, null),
                ContractsJsonContext.Default.AdapterError, statusCode: AdapterRoutes.NotSentStatus),
            "boom" => Results.StatusCode(500),
            // What daprd writes itself when the callee cannot be invoked (dapr pkg/messages/predefined.go ERR_DIRECT_INVOKE).
            "sidecar-down" => Results.Text(
                """{"errorCode":"ERR_DIRECT_INVOKE","message":"failed to invoke, id: provider-adapters, err: rpc error: code = Unavailable desc = connection refused"}""",
                "application/json", statusCode: 500),
            // Its breaker on the hop, open or half-open with the probe taken (pkg/api/http/directmessaging.go's default
            // branch wraps gobreaker's ErrOpenState / ErrTooManyRequests, pkg/resiliency/breaker/circuitbreaker.go).
            "breaker-open" => Results.Text(
                """{"errorCode":"ERR_DIRECT_INVOKE","message":"failed to invoke, id: provider-adapters, err: circuit breaker is open"}""",
                "application/json", statusCode: 500),
            "breaker-half-open" => Results.Text(
                """{"errorCode":"ERR_DIRECT_INVOKE","message":"failed to invoke, id: provider-adapters, err: too many requests"}""",
                "application/json", statusCode: 500),
            "sidecar-timeout" => Results.Text(
                """{"errorCode":"ERR_DIRECT_INVOKE","message":"failed to invoke, id: provider-adapters, err: context deadline exceeded"}""",
                "application/json", statusCode: 500),
            // A 307 to a URL that answers: the router does not follow a redirect from its hop (BackendRegistration.SidecarHandler).
            "redirect" when !context.Request.Query.ContainsKey("followed") =>
                Results.Redirect(context.Request.Path + "?followed=1", permanent: false, preserveMethod: true),
            _ => Results.Json(FakeBackend.Success(request), ContractsJsonContext.Default.AdapterChatResult),
        };
    }

    private static async Task StreamAsync(HttpContext context)
    {
        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, ContractsJsonContext.Default.AdapterChatRequest);
        if (request!.Model is "limited" or "not-sent")
        {
            var notSent = request.Model == "not-sent";
            context.Response.StatusCode = notSent ? AdapterRoutes.NotSentStatus : AdapterRoutes.AdapterErrorStatus;
            await context.Response.WriteAsJsonAsync(FakeBackend.Error(request, notSent ? ErrorClass.WindowLeaseEnded : ErrorClass.RateLimited),
                ContractsJsonContext.Default.AdapterError);
            return;
        }
        context.Response.ContentType = "text/event-stream";
        await Frame(context, AdapterStreamEvents.Chunk, """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant"}}]}""");
        if (request.Model == "stream-error")
        {
            await Frame(context, AdapterStreamEvents.Error, """{"class":"overloaded","message":"in-band overload","providerStatus":200}""");
            return;
        }
        await Frame(context, AdapterStreamEvents.Chunk, """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hel"}}]}""");
        if (request.Model == "stream-cut")
        {
            return; // no terminator: the stream was cut
        }
        await Frame(context, AdapterStreamEvents.Chunk, """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}""");
        await Frame(context, AdapterStreamEvents.Usage, """{"provider":"p","model":"m","tokens":{"inputTokens":3,"outputTokens":2},"costMicros":9}""");
        await Frame(context, AdapterStreamEvents.Done, "{}");
    }

    private static async Task Frame(HttpContext context, string name, string data)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {data}\n\n");
        await context.Response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A request's body framing: <c>Content-Length</c>, or a <c>Transfer-Encoding</c> such as chunked.</summary>
public sealed record ReceivedFraming(string Path, long? ContentLength, string TransferEncoding);
