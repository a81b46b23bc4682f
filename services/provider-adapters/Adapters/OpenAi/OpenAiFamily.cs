using System.Net.Http.Headers;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.OpenAi;

/// <summary>
/// OpenAI chat completions and the services that speak it: the Hugging Face router (<c>org/model[:provider]</c>),
/// GitHub Models (<c>publisher/model</c>, GitHub API headers), OpenAI-compatible servers (Ollama, vLLM,
/// LM Studio; key optional) and GitHub Copilot (best effort: exchanged token plus editor headers).
/// The request is already OpenAI-shaped, so it passes through with the provider's model id.
/// </summary>
internal sealed class OpenAiFamily : IChatFamily
{
    public IErrorClassifier Classifier { get; } = new OpenAiErrorClassifier();

    public HttpRequestMessage CreateRequest(UpstreamCall call, bool stream)
    {
        var body = call.Request with
        {
            Model = call.Model.Model,
            Stream = stream ? true : null,
            StreamOptions = stream ? new StreamOptions { IncludeUsage = true } : null,
        };
        return UpstreamRequests.JsonPost(call.Account, "chat/completions",
            JsonSerializer.SerializeToUtf8Bytes(body, ContractsJsonContext.Default.ChatCompletionRequest), headers =>
            {
                if (!string.IsNullOrEmpty(call.Key))
                {
                    UpstreamRequests.Bearer(headers, call.Key);
                }
                AddFamilyHeaders(headers, call.Account.Family);
            });
    }

    public async ValueTask<WireCompletion> ReadCompletionAsync(Stream body, HttpResponseHeaders headers, UpstreamCall call, CancellationToken cancellationToken)
    {
        var completion = await JsonSerializer.DeserializeAsync(body, ContractsJsonContext.Default.ChatCompletionResponse, cancellationToken)
            ?? throw new JsonException("empty completion");
        return new WireCompletion(completion, Normalise(completion.Usage));
    }

    public StreamTranslator CreateStreamTranslator(UpstreamCall call) => new OpenAiStreamTranslator();

    public ProviderHeadroom? ReadHeadroom(HttpResponseHeaders headers, DateTimeOffset now) => HeadroomReader.OpenAi(headers, now);

    /// <summary>OpenAI usage is already the normalised shape: prompt includes cached, completion includes reasoning.</summary>
    public static TokenUsage Normalise(OpenAiUsage? usage) => usage is null ? TokenUsage.Zero : new TokenUsage
    {
        InputTokens = usage.PromptTokens,
        CachedInputTokens = usage.PromptTokensDetails?.CachedTokens ?? 0,
        OutputTokens = usage.CompletionTokens,
        ReasoningTokens = usage.CompletionTokensDetails?.ReasoningTokens ?? 0,
    };

    private static void AddFamilyHeaders(HttpRequestHeaders headers, string family)
    {
        if (family == ProviderFamilies.GitHubModels)
        {
            headers.Accept.ParseAdd("application/vnd.github+json");
            headers.TryAddWithoutValidation("X-GitHub-Api-Version", "2022-11-28");
        }
        else if (family == ProviderFamilies.Copilot)
        {
            foreach (var (name, value) in CopilotTokenExchange.EditorHeaders)
            {
                headers.TryAddWithoutValidation(name, value);
            }
        }
    }
}
