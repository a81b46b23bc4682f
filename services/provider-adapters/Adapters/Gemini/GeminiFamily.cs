using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Gemini;

/// <summary>
/// Google Gemini: <c>POST {base}/models/{model}:generateContent</c> and <c>:streamGenerateContent?alt=sse</c>,
/// key in <c>x-goog-api-key</c> (never in the URL, so it cannot reach a log).
/// </summary>
internal sealed class GeminiFamily : IChatFamily
{
    public IErrorClassifier Classifier { get; } = new GeminiErrorClassifier();

    public HttpRequestMessage CreateRequest(UpstreamCall call, bool stream)
    {
        var model = Uri.EscapeDataString(call.Model.Model);
        var path = stream ? $"models/{model}:streamGenerateContent?alt=sse" : $"models/{model}:generateContent";
        return UpstreamRequests.JsonPost(call.Account, path, GeminiRequestWriter.Write(call), headers =>
        {
            if (!string.IsNullOrEmpty(call.Key))
            {
                headers.TryAddWithoutValidation("x-goog-api-key", call.Key);
            }
        });
    }

    public async ValueTask<WireCompletion> ReadCompletionAsync(Stream body, HttpResponseHeaders headers, UpstreamCall call, CancellationToken cancellationToken)
    {
        var response = await JsonSerializer.DeserializeAsync(body, GeminiJsonContext.Default.GeminiResponse, cancellationToken)
            ?? throw new JsonException("empty response");
        var usage = Normalise(response.UsageMetadata);
        var candidate = response.Candidates is { Count: > 0 } candidates ? candidates[0] : null;
        var completion = new ChatCompletionResponse
        {
            Id = response.ResponseId ?? "gemini-" + call.RequestId,
            Created = call.Created,
            Model = response.ModelVersion ?? call.Model.Model,
        };
        if (candidate is null)
        {
            return new WireCompletion(completion, usage, PromptBlocked: response.PromptFeedback?.BlockReason is not null);
        }
        var text = new StringBuilder();
        var calls = new List<ToolCall>();
        foreach (var part in candidate.Content?.Parts ?? [])
        {
            if (part.FunctionCall is { } function)
            {
                calls.Add(new ToolCall(function.Id ?? $"call_{calls.Count}", function.Name, function.Args?.GetRawText() ?? "{}"));
            }
            else if (part.Text is not null && part.Thought != true)
            {
                text.Append(part.Text);
            }
        }
        completion = completion with
        {
            Choices =
            [
                new ChatChoice
                {
                    Message = new AssistantMessage
                    {
                        Content = text.Length == 0 && calls.Count > 0 ? null : text.ToString(),
                        ToolCalls = calls.Count > 0 ? ToolCall.ToJson(calls, withIndex: false) : null,
                    },
                    FinishReason = FinishReasons.FromGemini(candidate.FinishReason, calls.Count > 0),
                },
            ],
        };
        return new WireCompletion(completion, usage);
    }

    public StreamTranslator CreateStreamTranslator(UpstreamCall call) => new GeminiStreamTranslator(call);

    /// <summary>Gemini sends no rate-limit headers.</summary>
    public ProviderHeadroom? ReadHeadroom(HttpResponseHeaders headers, DateTimeOffset now) => null;

    /// <summary>
    /// Normalised usage: InputTokens = promptTokenCount (cached included) + toolUsePromptTokenCount;
    /// OutputTokens = candidatesTokenCount + thoughtsTokenCount (reasoning is billed as output).
    /// </summary>
    public static TokenUsage Normalise(GeminiUsage? usage) => usage is null ? TokenUsage.Zero : new TokenUsage
    {
        InputTokens = usage.PromptTokenCount + usage.ToolUsePromptTokenCount,
        CachedInputTokens = usage.CachedContentTokenCount,
        OutputTokens = usage.CandidatesTokenCount + usage.ThoughtsTokenCount,
        ReasoningTokens = usage.ThoughtsTokenCount,
    };
}
