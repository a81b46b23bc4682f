using System.Net;
using System.Text;

namespace Dapr.AiProvider.Client.Tests.Unit;

/// <summary>
/// An in-memory gateway: answers every request with a canned OpenAI body (JSON or SSE) and the given
/// decision headers, and remembers what it was sent.
/// </summary>
internal sealed class FakeGateway(string body, string mediaType, IReadOnlyDictionary<string, string> headers, HttpStatusCode status = HttpStatusCode.OK)
    : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];
    public List<string> RequestBodies { get; } = [];

    public static FakeGateway Json(IReadOnlyDictionary<string, string> headers, string model = "gpt-4o-mini") =>
        new(CompletionJson(model), "application/json", headers);

    public static FakeGateway Sse(IReadOnlyDictionary<string, string> headers) =>
        new(string.Join("", StreamChunks.Select(c => $"data: {c}\n\n")) + "data: [DONE]\n\n", "text/event-stream", headers);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        RequestBodies.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }
        return response;
    }

    private static string CompletionJson(string model) => $$$"""
        {"id":"chatcmpl-1","object":"chat.completion","created":1765000000,"model":"{{{model}}}",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the gateway"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}
        """;

    private static readonly string[] StreamChunks =
    [
        """{"id":"chatcmpl-2","object":"chat.completion.chunk","created":1765000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}""",
        """{"id":"chatcmpl-2","object":"chat.completion.chunk","created":1765000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}""",
        """{"id":"chatcmpl-2","object":"chat.completion.chunk","created":1765000000,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":2,"total_tokens":14}}""",
    ];
}
