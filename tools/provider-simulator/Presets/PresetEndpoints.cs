using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.OpenAi;

namespace Dapr.AiProvider.ProviderSimulator.Presets;

/// <summary>The free-tier presets at their real paths under the simulator: OpenAI-compatible chat and model lists.</summary>
internal static class PresetEndpoints
{
    public const string CloudflareAccount = "sim-account";

    public static IEndpointRouteBuilder MapPresets(this IEndpointRouteBuilder app)
    {
        var time = app.ServiceProvider.GetRequiredService<TimeProvider>();
        OpenAiEndpoints.MapFamily(app, "/groq/openai/v1", new PresetFlavor(Providers.Groq), time);
        OpenAiEndpoints.MapFamily(app, "/cerebras/v1", new PresetFlavor(Providers.Cerebras), time);
        OpenAiEndpoints.MapFamily(app, "/mistral/v1", new PresetFlavor(Providers.Mistral), time);
        OpenAiEndpoints.MapFamily(app, "/openrouter/api/v1", new PresetFlavor(Providers.OpenRouter), time);
        OpenAiEndpoints.MapFamily(app, $"/cloudflare/client/v4/accounts/{CloudflareAccount}/ai/v1", new PresetFlavor(Providers.Cloudflare), time);
        return app;
    }
}
