using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Dapr.AiProvider.Deployment.Tests.Outage;

/// <summary>
/// Sits on the sidecar's app channel (its --app-port) in front of quota and forwards every call, recording each
/// pub/sub delivery: the CloudEvent id, the route (usage or dead letter) and quota's answer.
/// </summary>
public sealed class DeliveryRecorder(int appPort) : IAsyncDisposable
{
    private readonly HttpClient _quota = new() { BaseAddress = new Uri($"http://127.0.0.1:{appPort}"), Timeout = Timeout.InfiniteTimeSpan };
    private WebApplication? _app;

    public int Port { get; } = TestInfrastructure.FreePort.Next();

    /// <summary>(route, event id, quota's status) of every delivery that finished.</summary>
    public ConcurrentQueue<(string Route, string EventId, string Status)> Deliveries { get; } = new();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.Run(ForwardAsync);
        await _app.StartAsync();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        var eventId = context.Request.Method == "POST" && body.StartsWith('{') ? EventId(body) : null;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(context.Request.ContentType ?? "application/json");
        }
        foreach (var (name, values) in context.Request.Headers.Where(h => h.Key.StartsWith("dapr-", StringComparison.OrdinalIgnoreCase) || h.Key == "traceparent"))
        {
            request.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        using var response = await _quota.SendAsync(request, context.RequestAborted);
        var answer = await response.Content.ReadAsStringAsync(context.RequestAborted);
        if (eventId is not null)
        {
            Deliveries.Enqueue((context.Request.Path.Value ?? "", eventId, Status(response.StatusCode, answer)));
        }
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await context.Response.WriteAsync(answer, context.RequestAborted);
    }

    private static string? EventId(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("specversion", out _) && document.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
    }

    private static string Status(HttpStatusCode code, string answer)
    {
        if (code != HttpStatusCode.OK)
        {
            return ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        using var document = JsonDocument.Parse(answer);
        return document.RootElement.GetProperty("status").GetString() ?? "";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _quota.Dispose();
    }
}
