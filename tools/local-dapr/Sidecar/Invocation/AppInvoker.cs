using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>
/// The called sidecar: forwards an invocation to its app (<c>dapr-callee-app-id</c>, <c>dapr-caller-app-id</c>,
/// <c>traceparent</c> and the APP_API_TOKEN added) and streams the app's answer back verbatim.
/// </summary>
internal sealed partial class AppInvoker(SidecarOptions options, AppChannel app, AppHealth health, ILogger<AppInvoker> logger)
{
    private readonly RelayUris _uris = new();

    public async Task InvokeAsync(HttpContext context, string method)
    {
        var ct = context.RequestAborted;
        if (options.AppPort == 0)
        {
            await Fail(context, "app channel is not initialized");
            return;
        }
        if (!health.IsHealthy)
        {
            await Fail(context, "app is not in a healthy state");
            return;
        }
        var request = context.Request;
        using var message = new HttpRequestMessage(HttpMethod.Parse(request.Method), _uris.For(app.BaseUrl, method, request.QueryString.Value));
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
            if (request.ContentLength is { } length)
            {
                message.Content.Headers.ContentLength = length;
            }
        }
        HttpRelay.CopyRequestHeaders(request, message);
        message.Headers.Remove("dapr-callee-app-id");
        message.Headers.TryAddWithoutValidation("dapr-callee-app-id", options.AppId);
        if (options.AppApiToken is { } token)
        {
            message.Headers.TryAddWithoutValidation("dapr-api-token", token);
        }
        if (!message.Headers.Contains("traceparent"))
        {
            message.Headers.TryAddWithoutValidation("traceparent", TraceParent.New());
        }
        HttpResponseMessage response;
        try
        {
            // The handler answers once the headers are read; the body stays on the connection and is streamed.
            response = await app.Relay.SendAsync(message, ct);
        }
        catch (Exception e) when (e is HttpRequestException or BodyTooLargeException)
        {
            Log.AppCallFailed(logger, e.Message);
            await Fail(context, e is BodyTooLargeException ? BodyLimit.Message : e.Message);
            return;
        }
        using (response)
        {
            HttpRelay.CopyResponseHeaders(response, context.Response);
            await HttpRelay.CopyBodyAsync(response, context, ct);
        }
    }

    private Task Fail(HttpContext context, string error) =>
        new DaprError("ERR_DIRECT_INVOKE", $"failed to invoke, id: {options.AppId}, err: {error}").WriteAsync(context, 500);

    private static partial class Log
    {
        [LoggerMessage(50, LogLevel.Warning, "calling the app failed: {Error}")]
        public static partial void AppCallFailed(ILogger logger, string error);
    }
}
