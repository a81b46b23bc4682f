using Dapr.AiProvider.ProviderSimulator.Core;

namespace Dapr.AiProvider.ProviderSimulator.Anthropic;

/// <summary><c>/anthropic/v1/messages</c> and <c>/anthropic/v1/models</c> (api.anthropic.com).</summary>
internal static class AnthropicEndpoints
{
    public static IEndpointRouteBuilder MapAnthropic(this IEndpointRouteBuilder app)
    {
        var dialect = new AnthropicDialect();
        app.MapPost("/anthropic/v1/messages", (HttpContext context, ChatHandler handler) => handler.HandleAsync(context, dialect));
        app.MapAuthenticatedGet("/anthropic/v1/models", Providers.Anthropic, dialect.Authenticate, ListAsync);
        return app;
    }

    private static Task ListAsync(HttpResponse response, CancellationToken ct)
    {
        var models = SimulatedModels.For(Providers.Anthropic);
        return JsonReply.WriteAsync(response, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var model in models)
            {
                w.WriteStartObject();
                w.WriteString("type", "model");
                w.WriteString("id", model);
                w.WriteString("display_name", model);
                w.WriteString("created_at", "2025-01-01T00:00:00Z");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteBoolean("has_more", false);
            w.WriteString("first_id", models[0]);
            w.WriteString("last_id", models[^1]);
            w.WriteEndObject();
        }, ct);
    }
}
