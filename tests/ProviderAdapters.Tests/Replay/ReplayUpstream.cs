using Dapr.AiProvider.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Replay;

/// <summary>
/// Plays the recordings at the simulator's paths, as <c>../shared/replay/server.mjs</c> does: the fixture whose
/// <c>replay:&lt;id&gt;</c> marker is in the request body answers with its recorded status, content type and
/// bytes; SSE bodies are written one event at a time, flushed, so the adapter reads them as a provider sends them.
/// A request without a marker (health probes' model lists) gets an empty list.
/// </summary>
public sealed class ReplayUpstream : IAsyncLifetime
{
    private WebApplication? _app;
    private readonly List<string> _served = [];

    public string Url { get; private set; } = "";

    /// <summary>Ids of the fixtures played so far, in order (tells "never asked" from "answered wrongly").</summary>
    public IReadOnlyList<string> Served
    {
        get
        {
            lock (_served)
            {
                return [.. _served];
            }
        }
    }

    public async Task InitializeAsync()
    {
        Url = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Url);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(PlayAsync);
        await _app.StartAsync();
    }

    private async Task PlayAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        var fixture = ReplayFixtures.All.FirstOrDefault(f => body.Contains("replay:" + f.Id + " ", StringComparison.Ordinal));
        if (fixture is null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"object":"list","data":[],"models":[]}""", context.RequestAborted);
            return;
        }
        lock (_served)
        {
            _served.Add(fixture.Id);
        }
        context.Response.StatusCode = fixture.Status;
        context.Response.ContentType = fixture.ContentType;
        if (!fixture.Stream)
        {
            await context.Response.WriteAsync(fixture.Body, context.RequestAborted);
            return;
        }
        foreach (var sseEvent in SplitEvents(fixture.Body))
        {
            await context.Response.WriteAsync(sseEvent, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    /// <summary>Cuts an SSE body after each blank line (<c>\n\n</c> or <c>\r\n\r\n</c>), keeping every byte.</summary>
    private static IEnumerable<string> SplitEvents(string body)
    {
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var end = body.AsSpan(i).StartsWith("\r\n\r\n") ? i + 4 : body.AsSpan(i).StartsWith("\n\n") ? i + 2 : -1;
            if (end > 0)
            {
                yield return body[start..end];
                start = end;
                i = end - 1;
            }
        }
        if (start < body.Length)
        {
            yield return body[start..];
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
