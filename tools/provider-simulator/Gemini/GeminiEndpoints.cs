using Dapr.AiProvider.ProviderSimulator.Core;

namespace Dapr.AiProvider.ProviderSimulator.Gemini;

/// <summary><c>/gemini/v1beta/models/{model}:generateContent|streamGenerateContent</c> and <c>/gemini/v1beta/models</c>.</summary>
internal static class GeminiEndpoints
{
    public static IEndpointRouteBuilder MapGemini(this IEndpointRouteBuilder app)
    {
        var dialect = new GeminiDialect();
        app.MapPost("/gemini/v1beta/models/{target}", (HttpContext context, ChatHandler handler) => handler.HandleAsync(context, dialect));
        app.MapAuthenticatedGet("/gemini/v1beta/models", Providers.Gemini, dialect.Authenticate, ListAsync);
        return app;
    }

    private static Task ListAsync(HttpResponse response, CancellationToken ct) =>
        JsonReply.WriteAsync(response, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("models");
            foreach (var model in SimulatedModels.For(Providers.Gemini))
            {
                w.WriteStartObject();
                w.WriteString("name", "models/" + model);
                w.WriteString("version", "001");
                w.WriteString("displayName", model);
                w.WriteNumber("inputTokenLimit", 1_048_576);
                w.WriteNumber("outputTokenLimit", 65_536);
                w.WriteStartArray("supportedGenerationMethods");
                w.WriteStringValue("generateContent");
                w.WriteStringValue("countTokens");
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }, ct);
}
