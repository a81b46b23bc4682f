using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Catalog;
using Dapr.AiProvider.Contracts.ProviderAdapters;
using Dapr.AiProvider.ProviderAdapters.Chat;
using Dapr.AiProvider.ProviderAdapters.Health;
using Dapr.AiProvider.ProviderAdapters.Providers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dapr.AiProvider.ProviderAdapters.Api;

/// <summary>The adapter protocol the router calls through Dapr service invocation (<see cref="AdapterRoutes"/>).</summary>
internal static class AdapterApi
{
    public static IEndpointRouteBuilder MapAdapterApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/" + AdapterRoutes.Chat, ChatAsync);
        app.MapPost("/" + AdapterRoutes.ChatStream, StreamEndpoint.HandleAsync);
        app.MapPost("/" + AdapterRoutes.Embeddings, EmbeddingsEndpoint.HandleAsync);
        app.MapGet("/" + AdapterRoutes.Catalog, CatalogAsync);
        app.MapGet("/" + ProviderHealthReport.Route, (ProviderHealthMonitor monitor, ProviderRegistry registry) =>
            TypedResults.Json(monitor.Report(registry.Accounts.Select(a => a.Id)), ProviderAdaptersJsonContext.Default.ProviderHealthReport));
        return app;
    }

    /// <returns>200 with the <see cref="AdapterChatResult"/> (<see cref="SizedJson"/>), 424 with a classified failure, 400 for a malformed call.</returns>
    internal static async Task<Results<FileContentHttpResult, JsonHttpResult<AdapterError>, ProblemHttpResult>> ChatAsync(
        AdapterChatRequest request, UnaryChat chat, HttpContext context, CancellationToken cancellationToken)
    {
        if (RequestValidation.Problem(request) is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid adapter request");
        }
        var (result, error) = await chat.CompleteAsync(request, cancellationToken);
        if (error is not null)
        {
            return Failed(context, error);
        }
        return SizedJson.Ok(result!, AnswerJsonContext.Default.AdapterChatResult);
    }

    internal static JsonHttpResult<AdapterError> Failed(HttpContext context, AdapterError error)
    {
        context.Response.Headers[AdapterRoutes.ErrorClassHeader] = ErrorClassNames.Of(error.Class);
        return TypedResults.Json(error, ContractsJsonContext.Default.AdapterError,
            statusCode: error.Class == ErrorClass.WindowLeaseEnded ? AdapterRoutes.NotSentStatus : AdapterRoutes.AdapterErrorStatus);
    }

    internal static async Task<Ok<ModelCatalog>> CatalogAsync(CatalogService catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.GetAsync(cancellationToken));
}
