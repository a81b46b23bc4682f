using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Anthropic;

/// <summary>Anthropic Messages (<c>POST {base}/messages</c>, <c>x-api-key</c>, <c>anthropic-version: 2023-06-01</c>).</summary>
internal sealed class AnthropicFamily : IChatFamily
{
    public const string ApiVersion = "2023-06-01";

    public IErrorClassifier Classifier { get; } = new AnthropicErrorClassifier();

    public HttpRequestMessage CreateRequest(UpstreamCall call, bool stream) =>
        UpstreamRequests.JsonPost(call.Account, "messages", AnthropicRequestWriter.Write(call, stream), headers =>
        {
            if (!string.IsNullOrEmpty(call.Key))
            {
                headers.TryAddWithoutValidation("x-api-key", call.Key);
            }
            headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
        });

    public async ValueTask<WireCompletion> ReadCompletionAsync(Stream body, HttpResponseHeaders headers, UpstreamCall call, CancellationToken cancellationToken)
    {
        var message = await JsonSerializer.DeserializeAsync(body, AnthropicJsonContext.Default.AnthropicMessage, cancellationToken)
            ?? throw new JsonException("empty message");
        var text = new StringBuilder();
        var calls = new List<ToolCall>();
        foreach (var block in message.Content)
        {
            if (block.Type == "text")
            {
                text.Append(block.Text);
            }
            else if (block.Type == "tool_use")
            {
                calls.Add(new ToolCall(block.Id ?? "", block.Name ?? "", block.Input?.GetRawText() ?? "{}"));
            }
        }
        var usage = Normalise(message.Usage, null);
        var completion = new ChatCompletionResponse
        {
            Id = message.Id,
            Created = call.Created,
            Model = message.Model ?? call.Model.Model,
            Choices =
            [
                new ChatChoice
                {
                    Message = new AssistantMessage
                    {
                        Content = text.Length == 0 && calls.Count > 0 ? null : text.ToString(),
                        ToolCalls = calls.Count > 0 ? ToolCall.ToJson(calls, withIndex: false) : null,
                        ThinkingBlocks = AnthropicThinking.Blocks(message.Content),
                    },
                    FinishReason = FinishReasons.FromAnthropic(message.StopReason),
                },
            ],
        };
        return new WireCompletion(completion, usage);
    }

    public StreamTranslator CreateStreamTranslator(UpstreamCall call) => new AnthropicStreamTranslator(call.Model.Model, call.Created);

    public ProviderHeadroom? ReadHeadroom(HttpResponseHeaders headers, DateTimeOffset now) => HeadroomReader.Anthropic(headers);

    /// <summary>
    /// Normalised usage: InputTokens = input + cache reads + cache writes (Anthropic's input excludes both).
    /// In a stream, <paramref name="final"/> (message_delta) wins field by field over <paramref name="start"/>
    /// (message_start) — never summed.
    /// </summary>
    public static TokenUsage Normalise(AnthropicUsage? start, AnthropicUsage? final)
    {
        var input = final?.InputTokens ?? start?.InputTokens ?? 0;
        var cacheRead = final?.CacheReadInputTokens ?? start?.CacheReadInputTokens ?? 0;
        var cacheWrite = final?.CacheCreationInputTokens ?? start?.CacheCreationInputTokens ?? 0;
        var output = final?.OutputTokens ?? start?.OutputTokens ?? 0;
        return new TokenUsage
        {
            InputTokens = input + cacheRead + cacheWrite,
            CachedInputTokens = cacheRead,
            CacheWriteTokens = cacheWrite,
            OutputTokens = output,
        };
    }
}
