using System.Net.Http.Headers;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Tgi;

/// <summary>Hugging Face Text Generation Inference: <c>POST {base}/generate</c> and <c>/generate_stream</c>, optional Bearer key.</summary>
internal sealed class TgiFamily : IChatFamily
{
    public IErrorClassifier Classifier { get; } = new TgiErrorClassifier();

    public HttpRequestMessage CreateRequest(UpstreamCall call, bool stream) =>
        UpstreamRequests.JsonPost(call.Account, stream ? "generate_stream" : "generate", TgiRequestWriter.Write(call, stream), headers =>
        {
            if (!string.IsNullOrEmpty(call.Key))
            {
                UpstreamRequests.Bearer(headers, call.Key);
            }
        });

    public async ValueTask<WireCompletion> ReadCompletionAsync(Stream body, HttpResponseHeaders headers, UpstreamCall call, CancellationToken cancellationToken)
    {
        var response = await JsonSerializer.DeserializeAsync(body, TgiJsonContext.Default.TgiResponse, cancellationToken)
            ?? throw new JsonException("empty response");
        var completion = new ChatCompletionResponse
        {
            Id = "tgi-" + call.RequestId,
            Created = call.Created,
            Model = call.Model.Model,
            Choices =
            [
                new ChatChoice
                {
                    Message = new AssistantMessage { Content = response.GeneratedText ?? "" },
                    FinishReason = FinishReasons.FromTgi(response.Details?.FinishReason),
                },
            ],
        };
        var usage = Normalise(response.Details);
        if (usage.InputTokens == 0 && headers.TryGetValues("x-prompt-tokens", out var values)
            && int.TryParse(values.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var promptTokens))
        {
            usage = usage with { InputTokens = promptTokens };
        }
        return new WireCompletion(completion, usage);
    }

    public StreamTranslator CreateStreamTranslator(UpstreamCall call) => new TgiStreamTranslator(call);

    public ProviderHeadroom? ReadHeadroom(HttpResponseHeaders headers, DateTimeOffset now) => null;

    /// <summary>Prompt tokens from <c>input_length</c> (or the prefill list; non-stream also TGI's <c>x-prompt-tokens</c> header), output from <c>generated_tokens</c>.</summary>
    public static TokenUsage Normalise(TgiDetails? details) => details is null ? TokenUsage.Zero : new TokenUsage
    {
        InputTokens = details.InputLength ?? (details.Prefill is { Count: > 0 } prefill ? prefill.Count : 0),
        OutputTokens = details.GeneratedTokens,
    };
}
