using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dapr.AiProvider.LocalDapr.Tests.Conversation;

/// <summary>
/// An OpenAI-compatible endpoint for the conversation component to call: records each request (path,
/// Authorization, JSON body) and answers by the last message's text: <c>fail-401</c> → OpenAI's 401 error,
/// <c>call-tool</c> → a tool call, <c>say-nothing</c> → an empty message, anything else → an echo with usage.
/// </summary>
public sealed class ChatUpstream : IAsyncDisposable
{
    private readonly ConcurrentQueue<Recorded> _requests = new();
    private TestApp _app = null!;

    public sealed record Recorded(string Path, string? Authorization, JsonObject Body)
    {
        public string LastText => Body["messages"]!.AsArray().Last()!["content"]!.ToString();
    }

    public string BaseUrl => _app.Url + "/v1";

    public IReadOnlyList<Recorded> Requests => [.. _requests];

    /// <summary>Requests whose last message contains <paramref name="marker"/>.</summary>
    public IReadOnlyList<Recorded> With(string marker) => [.. _requests.Where(r => r.LastText.Contains(marker, StringComparison.Ordinal))];

    public static async Task<ChatUpstream> StartAsync()
    {
        var upstream = new ChatUpstream();
        upstream._app = await TestApp.StartAsync(app => app.MapPost("/v1/chat/completions", (Delegate)upstream.AnswerAsync));
        return upstream;
    }

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var recorded = new Recorded(context.Request.Path, context.Request.Headers.Authorization, body);
        _requests.Enqueue(recorded);
        var text = recorded.LastText;
        if (text.Contains("fail-401", StringComparison.Ordinal))
        {
            return Results.Json(new { error = new { message = "Incorrect API key provided", type = "invalid_request_error", code = "invalid_api_key" } }, statusCode: 401);
        }
        object message = text.Contains("call-tool", StringComparison.Ordinal)
            ? new { role = "assistant", content = (string?)null, tool_calls = new[] { new { id = "call_42", type = "function", function = new { name = "get_weather", arguments = "{\"city\":\"Oslo\"}" } } } }
            : text.Contains("say-nothing", StringComparison.Ordinal)
                ? new { role = "assistant", content = "" }
                : new { role = "assistant", content = "echo: " + text };
        var finish = text.Contains("call-tool", StringComparison.Ordinal) ? "tool_calls" : "stop";
        return Results.Json(new
        {
            id = "chatcmpl-1",
            @object = "chat.completion",
            model = "upstream-model",
            choices = new[] { new { index = 0, message, finish_reason = finish } },
            usage = new { prompt_tokens = 12, completion_tokens = 5, total_tokens = 17, completion_tokens_details = new { reasoning_tokens = 2 } },
        });
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
