using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Embeddings;
using Dapr.AiProvider.ProviderAdapters.Embeddings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dapr.AiProvider.ProviderAdapters.Api;

/// <summary><see cref="AdapterRoutes.Embeddings"/>: 200 with the vectors (<see cref="SizedJson"/>), 424 with a classified failure, 400 for a malformed call.</summary>
internal static class EmbeddingsEndpoint
{
    /// <summary>OpenAI's own cap on inputs per request (https://platform.openai.com/docs/api-reference/embeddings/create, checked 2026-12-07).</summary>
    public const int MaxInputs = 2048;

    public static async Task<Results<FileContentHttpResult, JsonHttpResult<AdapterError>, ProblemHttpResult>> HandleAsync(
        AdapterEmbeddingRequest request, UnaryEmbeddings embeddings, HttpContext context, CancellationToken cancellationToken)
    {
        if (Problem(request) is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid adapter request");
        }
        var (result, error) = await embeddings.EmbedAsync(request, cancellationToken);
        return error is null ? SizedJson.Ok(result!, AnswerJsonContext.Default.AdapterEmbeddingResult) : AdapterApi.Failed(context, error);
    }

    private static string? Problem(AdapterEmbeddingRequest? request) => request switch
    {
        null => "The body must be an AdapterEmbeddingRequest JSON object.",
        _ when string.IsNullOrWhiteSpace(request.Provider) || string.IsNullOrWhiteSpace(request.Model) => "'provider' and 'model' are required.",
        { Inputs: null or { Count: 0 } } => "'inputs' must hold at least one text.",
        { Inputs.Count: > MaxInputs } => $"'inputs' may hold at most {MaxInputs} texts.",
        { Dimensions: <= 0 } => "'dimensions' must be positive.",
        _ => null,
    };
}
