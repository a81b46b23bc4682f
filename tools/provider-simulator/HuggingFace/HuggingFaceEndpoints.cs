using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.OpenAi;

namespace Dapr.AiProvider.ProviderSimulator.HuggingFace;

/// <summary><c>/huggingface/v1/…</c> (Inference Providers router) and <c>/tgi/generate(_stream)</c>, <c>/tgi/health</c>, <c>/tgi/info</c> (Text Generation Inference).</summary>
internal static class HuggingFaceEndpoints
{
    public static IEndpointRouteBuilder MapHuggingFace(this IEndpointRouteBuilder app)
    {
        OpenAiEndpoints.MapFamily(app, "/huggingface/v1", new HuggingFaceFlavor(), app.ServiceProvider.GetRequiredService<TimeProvider>());
        var generate = new TgiDialect(streaming: false);
        var generateStream = new TgiDialect(streaming: true);
        app.MapPost("/tgi/generate", (HttpContext context, ChatHandler handler) => handler.HandleAsync(context, generate));
        app.MapPost("/tgi/generate_stream", (HttpContext context, ChatHandler handler) => handler.HandleAsync(context, generateStream));
        app.MapGet("/tgi/health", () => TypedResults.Ok());
        app.MapGet("/tgi/info", (HttpResponse response) => JsonReply.WriteAsync(response, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("model_id", "tgi");
            w.WriteString("model_dtype", "torch.float16");
            w.WriteNumber("max_concurrent_requests", 128);
            w.WriteNumber("max_input_tokens", 4095);
            w.WriteNumber("max_total_tokens", 4096);
            w.WriteString("router", "text-generation-router");
            w.WriteString("version", "3.3.6-simulated");
            w.WriteEndObject();
        }, response.HttpContext.RequestAborted));
        return app;
    }
}
