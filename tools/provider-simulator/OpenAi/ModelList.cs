using Dapr.AiProvider.ProviderSimulator.Core;

namespace Dapr.AiProvider.ProviderSimulator.OpenAi;

/// <summary><c>GET /v1/models</c> in OpenAI's list format, with the models each simulated provider offers.</summary>
internal static class ModelList
{
    public static Task WriteAsync(HttpResponse response, string provider, TimeProvider time, CancellationToken ct)
    {
        var created = time.GetUtcNow().AddDays(-30).ToUnixTimeSeconds();
        return JsonReply.WriteAsync(response, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var model in SimulatedModels.For(provider))
            {
                w.WriteStartObject();
                w.WriteString("id", model);
                w.WriteString("object", "model");
                w.WriteNumber("created", created);
                w.WriteString("owned_by", SimulatedModels.Owner(provider, model));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }, ct);
    }
}
