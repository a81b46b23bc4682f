using System.Collections.Concurrent;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dapr.AiProvider.LocalDapr.Tests.Invocation;

/// <summary>The app behind the callee sidecar: echo, header dump, a gated SSE stream, a status code of choice, its instance name.</summary>
public static class CalleeApp
{
    /// <summary>SSE streams wait on these (by <c>?id=</c>) between their first and second event.</summary>
    public static ConcurrentDictionary<string, TaskCompletionSource> Gates { get; } = new();

    public static Task<TestApp> StartAsync(string instance) => TestApp.StartAsync(app =>
    {
        app.MapPost("/echo", async (HttpContext c) =>
        {
            c.Response.StatusCode = 201;
            c.Response.Headers["X-Echo"] = "yes";
            c.Response.ContentType = c.Request.ContentType;
            await c.Request.Body.CopyToAsync(c.Response.Body);
        });
        app.MapMethods("/headers/{**rest}", ["GET", "POST"], (HttpContext c) => Results.Json(new
        {
            headers = c.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            path = c.Request.Path.Value,
            query = c.Request.QueryString.Value,
            method = c.Request.Method,
        }));
        app.MapGet("/sse", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/event-stream";
            await c.Response.WriteAsync("data: first\n\n");
            await c.Response.Body.FlushAsync();
            await Gates[c.Request.Query["id"].ToString()].Task.WaitAsync(TimeSpan.FromSeconds(20));
            await c.Response.WriteAsync("data: second\n\n");
        });
        app.MapGet("/status/{code:int}", (int code) => Results.Text("custom body", "text/plain", statusCode: code));
        app.MapGet("/whoami", () => instance);
    });

    public static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;
}
