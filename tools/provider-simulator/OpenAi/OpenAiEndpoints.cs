using Dapr.AiProvider.ProviderSimulator.Core;

namespace Dapr.AiProvider.ProviderSimulator.OpenAi;

/// <summary><c>/openai/v1/…</c> (api.openai.com) and <c>/openai-compatible/v1/…</c> (Ollama / vLLM style servers).</summary>
internal static class OpenAiEndpoints
{
    public static IEndpointRouteBuilder MapOpenAi(this IEndpointRouteBuilder app)
    {
        var time = app.ServiceProvider.GetRequiredService<TimeProvider>();
        MapFamily(app, "/openai/v1", new OpenAiFlavor(), time);
        MapFamily(app, "/openai-compatible/v1", new OpenAiCompatibleFlavor(), time);
        return app;
    }

    internal static void MapFamily(IEndpointRouteBuilder app, string prefix, IOpenAiFlavor flavor, TimeProvider time)
    {
        var dialect = new OpenAiDialect(flavor, time);
        app.MapPost(prefix + "/chat/completions", (HttpContext context, ChatHandler handler) => handler.HandleAsync(context, dialect));
        app.MapPost(prefix + "/embeddings", (HttpContext context, Embeddings.EmbeddingHandler handler) =>
            handler.HandleAsync(context, dialect, Embeddings.EmbeddingEndpoints.OpenAi, null));
        app.MapAuthenticatedGet(prefix + "/models", flavor.Provider, flavor.Authenticate,
            (response, ct) => ModelList.WriteAsync(response, flavor.Provider, time, ct));
    }
}
