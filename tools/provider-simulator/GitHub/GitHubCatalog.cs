using Dapr.AiProvider.ProviderSimulator.Core;

namespace Dapr.AiProvider.ProviderSimulator.GitHub;

/// <summary><c>GET /catalog/models</c>: a JSON array of models with publisher, limits, modalities and rate-limit tier.</summary>
internal static class GitHubCatalog
{
    public static Task WriteAsync(HttpResponse response, CancellationToken ct) =>
        JsonReply.WriteAsync(response, StatusCodes.Status200OK, w =>
        {
            w.WriteStartArray();
            foreach (var id in SimulatedModels.For(Providers.GitHub))
            {
                var publisher = id[..id.IndexOf('/', StringComparison.Ordinal)];
                var name = id[(publisher.Length + 1)..];
                var reasoning = name.Contains("R1", StringComparison.Ordinal);
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("name", name);
                w.WriteString("publisher", publisher);
                w.WriteString("registry", publisher == "openai" ? "azure-openai" : "azureml-" + publisher);
                w.WriteString("summary", "Simulated " + name);
                w.WriteString("html_url", "https://github.com/marketplace/models/" + publisher + "/" + name);
                w.WriteString("version", "1");
                w.WriteStartArray("capabilities");
                w.WriteStringValue("streaming");
                w.WriteStringValue("tool-calling");
                w.WriteEndArray();
                w.WriteStartObject("limits");
                w.WriteNumber("max_input_tokens", 131072);
                w.WriteNumber("max_output_tokens", 16384);
                w.WriteEndObject();
                w.WriteString("rate_limit_tier", reasoning ? "custom" : name.Contains("mini", StringComparison.Ordinal) ? "low" : "high");
                w.WriteStartArray("supported_input_modalities");
                w.WriteStringValue("text");
                w.WriteEndArray();
                w.WriteStartArray("supported_output_modalities");
                w.WriteStringValue("text");
                w.WriteEndArray();
                w.WriteStartArray("tags");
                w.WriteStringValue(reasoning ? "reasoning" : "multipurpose");
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }, ct);
}
