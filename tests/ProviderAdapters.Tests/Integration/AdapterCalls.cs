using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Streaming;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>Calls the adapter protocol the way the router does, and reads its SSE events.</summary>
internal static class AdapterCalls
{
    public static AdapterChatRequest Request(string provider, string model, string text) => new()
    {
        RequestId = "req-" + Guid.NewGuid().ToString("N")[..8],
        Provider = provider,
        Model = model,
        Request = new ChatCompletionRequest
        {
            Messages = [ChatMessage.FromText("system", "You are terse."), ChatMessage.FromText("user", text)],
            MaxTokens = 200,
        },
    };

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, AdapterChatRequest request, bool stream) =>
        client.PostAsJsonAsync("/" + (stream ? AdapterRoutes.ChatStream : AdapterRoutes.Chat), request, ContractsJsonContext.Default.AdapterChatRequest);

    public static async Task<AdapterChatResult> ReadResultAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.AdapterChatResult))!;

    public static async Task<AdapterError> ReadErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.AdapterError))!;

    public static async Task<StreamResult> ReadStreamAsync(HttpResponseMessage response)
    {
        var result = new StreamResult();
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var reader = new SseReader(body);
        while (await reader.ReadAsync(CancellationToken.None) is { } sse)
        {
            result.Events.Add(sse.Event ?? "");
            switch (sse.Event)
            {
                case AdapterStreamEvents.Chunk:
                    result.Chunks.Add(JsonSerializer.Deserialize(sse.Data, ContractsJsonContext.Default.ChatCompletionChunk)!);
                    break;
                case AdapterStreamEvents.Usage:
                    result.Usage = JsonSerializer.Deserialize(sse.Data, ContractsJsonContext.Default.AdapterUsageReport);
                    break;
                case AdapterStreamEvents.Error:
                    result.Error = JsonSerializer.Deserialize(sse.Data, ContractsJsonContext.Default.AdapterError);
                    break;
            }
        }
        return result;
    }

    internal sealed class StreamResult
    {
        public List<string> Events { get; } = [];
        public List<ChatCompletionChunk> Chunks { get; } = [];
        public AdapterUsageReport? Usage { get; set; }
        public AdapterError? Error { get; set; }

        public string Text
        {
            get
            {
                var text = new StringBuilder();
                foreach (var choice in Chunks.SelectMany(c => c.Choices))
                {
                    text.Append(choice.Delta.Content);
                }
                return text.ToString();
            }
        }
    }
}
