using System.Net.Http.Headers;
using Dapr.AiProvider.LocalDapr.Sidecar.AccessControl;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;
using Polly;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>
/// The calling sidecar: resolves the target app id (round robin over its instances), forwards the request to
/// that sidecar's internal route inside the app's resiliency pipeline, and streams the answer back verbatim.
/// Calls to its own app id go straight to its own app.
/// </summary>
internal sealed partial class InvocationHandler(
    SidecarOptions options, RedisSidecarRegistry registry, PeerClient peers, AppInvoker app, MeshToken mesh,
    MeshIdentity identity, IServiceProvider services, ILogger<InvocationHandler> logger)
{
    public const string InternalRoute = SidecarMiddleware.InternalPrefix + "/invoke/";
    private readonly RoundRobin _roundRobin = new();
    private readonly RelayUris _uris = new(InternalRoute);
    private readonly Lazy<IResiliencyProvider> _resiliency = new(services.GetRequiredService<IResiliencyProvider>);

    public async Task HandleAsync(HttpContext context, string appId, string method)
    {
        var ct = context.RequestAborted;
        if (!context.Request.Headers.ContainsKey("traceparent"))
        {
            context.Request.Headers["traceparent"] = TraceParent.New();
        }
        if (string.Equals(appId, options.AppId, StringComparison.Ordinal))
        {
            context.Request.Headers["dapr-caller-app-id"] = options.AppId;
            await app.InvokeAsync(context, method);
            return;
        }
        using var body = await ReadBodyAsync(context, appId);
        if (body is null)
        {
            return;
        }
        HttpResponseMessage? response = null;
        try
        {
            var endpoints = await registry.ResolveAsync(appId, ct);
            if (endpoints.Count == 0)
            {
                await Fail(context, appId, $"couldn't find service: {appId}");
                return;
            }
            var state = new Attempt(this, context, appId, method, body);
            var pipeline = _resiliency.Value.App(appId, method);
            var resilience = ResiliencyContext.Get(body.Replayable, ct);
            Outcome<HttpResponseMessage> outcome;
            try
            {
                outcome = await pipeline.ExecuteOutcomeAsync(static (c, s) => s.SendAsync(c.CancellationToken), resilience, state);
            }
            finally
            {
                ResiliencyContext.Return(resilience);
            }
            outcome.ThrowIfException();
            response = outcome.Result!;
            HttpRelay.CopyResponseHeaders(response, context.Response);
            await HttpRelay.CopyBodyAsync(response, context, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Log.InvokeFailed(logger, appId, e.Message);
            await Fail(context, appId, ResiliencyErrors.DaprMessage(e) ?? Describe(e));
        }
        finally
        {
            response?.Dispose();
        }
    }

    /// <summary>
    /// One attempt in Polly's outcome form: a failure is returned, not thrown (as <c>ExecuteAsync</c> would wrap it), so
    /// the pipeline runs the attempt without <c>ExecuteAsync</c>'s two wrapper state machines.
    /// </summary>
    private async ValueTask<Outcome<HttpResponseMessage>> SendOnceAsync(Attempt attempt, CancellationToken ct)
    {
        try
        {
            var endpoints = await registry.ResolveAsync(attempt.AppId, ct);
            if (endpoints.Count == 0)
            {
                throw new HttpRequestException($"couldn't find service: {attempt.AppId}");
            }
            var target = endpoints[_roundRobin.Next(attempt.AppId, endpoints.Count)];
            var request = attempt.Context.Request;
            var uri = _uris.For(target.HttpAddress, attempt.Method, request.QueryString.Value);
            using var message = new HttpRequestMessage(HttpMethod.Parse(request.Method), uri) { Content = attempt.Body.CreateContent() };
            HttpRelay.CopyRequestHeaders(request, message);
            message.Headers.Remove("dapr-caller-app-id");
            message.Headers.TryAddWithoutValidation("dapr-caller-app-id", options.AppId);
            message.Headers.TryAddWithoutValidation(MeshToken.Header, await mesh.GetAsync(ct));
            if (identity.MtlsEnabled)
            {
                message.Headers.TryAddWithoutValidation(MeshIdentity.Header, identity.Id.Url);
            }
            if (message.Content is { } content && request.ContentLength is { } length)
            {
                content.Headers.ContentLength = length;
            }
            try
            {
                // The handler answers once the headers are read; the body stays on the connection and is streamed.
                return Outcome.FromResult(await peers.Invoker.SendAsync(message, ct));
            }
            catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
            {
                registry.MarkFailed(target);
                throw;
            }
        }
        catch (Exception e)
        {
            return Outcome.FromException<HttpResponseMessage>(e);
        }
    }

    private static async ValueTask<OutboundBody?> ReadBodyAsync(HttpContext context, string appId)
    {
        try
        {
            return await OutboundBody.ReadAsync(context.Request, context.RequestAborted);
        }
        catch (BodyTooLargeException)
        {
            await Fail(context, appId, BodyLimit.Message);
            return null;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        BodyTooLargeException => BodyLimit.Message,
        HttpRequestException { InnerException: { } inner } http => $"{http.Message} ({inner.Message})",
        _ => e.Message,
    };

    private static Task Fail(HttpContext context, string appId, string error) =>
        new DaprError("ERR_DIRECT_INVOKE", $"failed to invoke, id: {appId}, err: {error}").WriteAsync(context, 500);

    private sealed record Attempt(InvocationHandler Handler, HttpContext Context, string AppId, string Method, OutboundBody Body)
    {
        public ValueTask<Outcome<HttpResponseMessage>> SendAsync(CancellationToken ct) => Handler.SendOnceAsync(this, ct);
    }

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Warning, "invoke {AppId} failed: {Error}")]
        public static partial void InvokeFailed(ILogger logger, string appId, string error);
    }
}
